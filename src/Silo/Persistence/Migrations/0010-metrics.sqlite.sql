-- Rates and rankings (docs/METRICS.md): counters per (account, city day) and per (account, month: city_day
-- yyyymm00, the sum of the month's days, so a month or a year reads a row per account and month), kept by the case writes
-- (Metrics/MetricCounterParticipant: one upsert in the case's transaction), the per-case definitions as a
-- view over the tables, and a backfill from the cases already stored. Outside the EF model: this step also
-- runs on a new database, so every statement is idempotent (the backfill rebuilds the counters).
-- The view must state exactly what Metrics/CaseMetrics.cs computes; recomputation tests compare the two.
CREATE TABLE IF NOT EXISTS account_day_metrics (
    account_id TEXT NOT NULL,
    city_day INTEGER NOT NULL,
    received INTEGER NOT NULL DEFAULT 0,
    merged INTEGER NOT NULL DEFAULT 0,
    dispatched INTEGER NOT NULL DEFAULT 0,
    response_due INTEGER NOT NULL DEFAULT 0,
    accepted_in_time INTEGER NOT NULL DEFAULT 0,
    responded_in_time INTEGER NOT NULL DEFAULT 0,
    open_now INTEGER NOT NULL DEFAULT 0,
    closed INTEGER NOT NULL DEFAULT 0,
    closed_on_time INTEGER NOT NULL DEFAULT 0,
    ever_closed INTEGER NOT NULL DEFAULT 0,
    reopened INTEGER NOT NULL DEFAULT 0,
    rated INTEGER NOT NULL DEFAULT 0,
    solved INTEGER NOT NULL DEFAULT 0,
    satisfied INTEGER NOT NULL DEFAULT 0,
    closures INTEGER NOT NULL DEFAULT 0,
    close_le_1h INTEGER NOT NULL DEFAULT 0,
    close_le_2h INTEGER NOT NULL DEFAULT 0,
    close_le_3h INTEGER NOT NULL DEFAULT 0,
    close_le_4h INTEGER NOT NULL DEFAULT 0,
    close_le_6h INTEGER NOT NULL DEFAULT 0,
    close_le_8h INTEGER NOT NULL DEFAULT 0,
    close_le_12h INTEGER NOT NULL DEFAULT 0,
    close_le_18h INTEGER NOT NULL DEFAULT 0,
    close_le_24h INTEGER NOT NULL DEFAULT 0,
    close_le_36h INTEGER NOT NULL DEFAULT 0,
    close_le_48h INTEGER NOT NULL DEFAULT 0,
    close_le_72h INTEGER NOT NULL DEFAULT 0,
    close_le_96h INTEGER NOT NULL DEFAULT 0,
    close_le_120h INTEGER NOT NULL DEFAULT 0,
    close_le_144h INTEGER NOT NULL DEFAULT 0,
    close_le_168h INTEGER NOT NULL DEFAULT 0,
    close_le_240h INTEGER NOT NULL DEFAULT 0,
    close_le_360h INTEGER NOT NULL DEFAULT 0,
    close_le_480h INTEGER NOT NULL DEFAULT 0,
    close_le_720h INTEGER NOT NULL DEFAULT 0,
    close_gt_720h INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (account_id, city_day)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS ix_account_day_metrics_day ON account_day_metrics (city_day);
-- "Overdue now" counts open cases past their deadline straight from the cases table.
CREATE INDEX IF NOT EXISTS ix_cases_open_deadline ON cases ("Deadline") WHERE "Status" NOT IN ('Closed', 'Rated', 'Merged') AND "Deadline" IS NOT NULL;
DROP VIEW IF EXISTS account_day_metrics_recomputed;
DROP VIEW IF EXISTS case_metric_facts;
-- One row per case: the account it counts for (首接负责制: the answerable unit, else the registering
-- account), its cohort day (received, UTC+8), the day of its closure, and 0/1 per counter.
CREATE VIEW case_metric_facts AS
SELECT
    f.account_id,
    f.received_at,
    CAST(strftime('%Y%m%d', (f.received_at - 621355968000000000) / 10000000 + 28800, 'unixepoch') AS INTEGER) AS city_day,
    CASE WHEN f.closed = 1 AND f.closed_at IS NOT NULL THEN CAST(strftime('%Y%m%d', (f.closed_at - 621355968000000000) / 10000000 + 28800, 'unixepoch') AS INTEGER) END AS close_day,
    1 - f.merged AS received,
    f.merged,
    CASE WHEN f.merged = 0 AND f.first_receiver IS NOT NULL THEN 1 ELSE 0 END AS dispatched,
    CASE WHEN f.merged = 0 AND f.first_receiver IS NOT NULL AND f.response_due IS NOT NULL THEN 1 ELSE 0 END AS response_due,
    CASE WHEN f.merged = 0 AND f.first_receiver IS NOT NULL AND f.response_due IS NOT NULL AND f.first_accept <= f.response_due THEN 1 ELSE 0 END AS accepted_in_time,
    CASE WHEN f.merged = 0 AND f.first_receiver IS NOT NULL AND f.response_due IS NOT NULL AND f.replied_at <= f.response_due THEN 1 ELSE 0 END AS responded_in_time,
    CASE WHEN f.merged = 0 AND f.closed = 0 THEN 1 ELSE 0 END AS open_now,
    f.closed,
    CASE WHEN f.closed = 1 AND f.closed_at IS NOT NULL AND f.closed_at <= f.last_deadline THEN 1 ELSE 0 END AS closed_on_time,
    CASE WHEN f.merged = 0 AND (f.closed = 1 OR f.reopen_count > 0) THEN 1 ELSE 0 END AS ever_closed,
    CASE WHEN f.merged = 0 AND f.reopen_count > 0 THEN 1 ELSE 0 END AS reopened,
    f.rated,
    CASE WHEN f.rated = 1 AND f.solved THEN 1 ELSE 0 END AS solved,
    CASE WHEN f.rated = 1 AND f.satisfied THEN 1 ELSE 0 END AS satisfied,
    CASE WHEN f.closed = 1 AND f.closed_at IS NOT NULL THEN CASE WHEN f.closed_at - f.received_at <= 36000000000 THEN 0 WHEN f.closed_at - f.received_at <= 72000000000 THEN 1 WHEN f.closed_at - f.received_at <= 108000000000 THEN 2 WHEN f.closed_at - f.received_at <= 144000000000 THEN 3 WHEN f.closed_at - f.received_at <= 216000000000 THEN 4 WHEN f.closed_at - f.received_at <= 288000000000 THEN 5 WHEN f.closed_at - f.received_at <= 432000000000 THEN 6 WHEN f.closed_at - f.received_at <= 648000000000 THEN 7 WHEN f.closed_at - f.received_at <= 864000000000 THEN 8 WHEN f.closed_at - f.received_at <= 1296000000000 THEN 9 WHEN f.closed_at - f.received_at <= 1728000000000 THEN 10 WHEN f.closed_at - f.received_at <= 2592000000000 THEN 11 WHEN f.closed_at - f.received_at <= 3456000000000 THEN 12 WHEN f.closed_at - f.received_at <= 4320000000000 THEN 13 WHEN f.closed_at - f.received_at <= 5184000000000 THEN 14 WHEN f.closed_at - f.received_at <= 6048000000000 THEN 15 WHEN f.closed_at - f.received_at <= 8640000000000 THEN 16 WHEN f.closed_at - f.received_at <= 12960000000000 THEN 17 WHEN f.closed_at - f.received_at <= 17280000000000 THEN 18 WHEN f.closed_at - f.received_at <= 25920000000000 THEN 19 ELSE 20 END END AS close_bucket
FROM (
    SELECT
        COALESCE(c."AnswerableAccountId", c."ReceivedById") AS account_id,
        c."ReceivedAt" AS received_at,
        c."ClosedAt" AS closed_at,
        CASE WHEN c."Status" = 'Merged' THEN 1 ELSE 0 END AS merged,
        CASE WHEN c."Status" IN ('Closed', 'Rated') THEN 1 ELSE 0 END AS closed,
        CASE WHEN c."Status" = 'Rated' THEN 1 ELSE 0 END AS rated,
        c."Solved" AS solved,
        c."Satisfied" AS satisfied,
        c."FirstReceiverId" AS first_receiver,
        c."FirstResponseDue" AS response_due,
        c."RepliedAt" AS replied_at,
        c."ReopenCount" AS reopen_count,
        (SELECT min(e."At") FROM case_events e WHERE e."CaseId" = c."Id" AND e."Action" = 'Accept') AS first_accept,
        (SELECT e."Deadline" FROM case_events e WHERE e."CaseId" = c."Id" AND e."Action" IN ('Forward', 'ApproveExtension') ORDER BY e."Seq" DESC LIMIT 1) AS last_deadline
    FROM cases c
) f;
-- The counters as they must be: the sum of every case's facts (cohort rows plus closure rows) per day,
-- and per month (city_day yyyymm00) the sum of the month's day rows.
CREATE VIEW account_day_metrics_recomputed AS
WITH days AS (
    SELECT
        account_id,
        city_day,
        sum(received) AS received,
        sum(merged) AS merged,
        sum(dispatched) AS dispatched,
        sum(response_due) AS response_due,
        sum(accepted_in_time) AS accepted_in_time,
        sum(responded_in_time) AS responded_in_time,
        sum(open_now) AS open_now,
        sum(closed) AS closed,
        sum(closed_on_time) AS closed_on_time,
        sum(ever_closed) AS ever_closed,
        sum(reopened) AS reopened,
        sum(rated) AS rated,
        sum(solved) AS solved,
        sum(satisfied) AS satisfied,
        sum(closures) AS closures,
        sum(close_le_1h) AS close_le_1h,
        sum(close_le_2h) AS close_le_2h,
        sum(close_le_3h) AS close_le_3h,
        sum(close_le_4h) AS close_le_4h,
        sum(close_le_6h) AS close_le_6h,
        sum(close_le_8h) AS close_le_8h,
        sum(close_le_12h) AS close_le_12h,
        sum(close_le_18h) AS close_le_18h,
        sum(close_le_24h) AS close_le_24h,
        sum(close_le_36h) AS close_le_36h,
        sum(close_le_48h) AS close_le_48h,
        sum(close_le_72h) AS close_le_72h,
        sum(close_le_96h) AS close_le_96h,
        sum(close_le_120h) AS close_le_120h,
        sum(close_le_144h) AS close_le_144h,
        sum(close_le_168h) AS close_le_168h,
        sum(close_le_240h) AS close_le_240h,
        sum(close_le_360h) AS close_le_360h,
        sum(close_le_480h) AS close_le_480h,
        sum(close_le_720h) AS close_le_720h,
        sum(close_gt_720h) AS close_gt_720h
    FROM (
        SELECT account_id, city_day, received, merged, dispatched, response_due, accepted_in_time, responded_in_time, open_now, closed, closed_on_time, ever_closed, reopened, rated, solved, satisfied, 0 AS closures, CASE WHEN close_bucket = 0 THEN 1 ELSE 0 END AS close_le_1h, CASE WHEN close_bucket = 1 THEN 1 ELSE 0 END AS close_le_2h, CASE WHEN close_bucket = 2 THEN 1 ELSE 0 END AS close_le_3h, CASE WHEN close_bucket = 3 THEN 1 ELSE 0 END AS close_le_4h, CASE WHEN close_bucket = 4 THEN 1 ELSE 0 END AS close_le_6h, CASE WHEN close_bucket = 5 THEN 1 ELSE 0 END AS close_le_8h, CASE WHEN close_bucket = 6 THEN 1 ELSE 0 END AS close_le_12h, CASE WHEN close_bucket = 7 THEN 1 ELSE 0 END AS close_le_18h, CASE WHEN close_bucket = 8 THEN 1 ELSE 0 END AS close_le_24h, CASE WHEN close_bucket = 9 THEN 1 ELSE 0 END AS close_le_36h, CASE WHEN close_bucket = 10 THEN 1 ELSE 0 END AS close_le_48h, CASE WHEN close_bucket = 11 THEN 1 ELSE 0 END AS close_le_72h, CASE WHEN close_bucket = 12 THEN 1 ELSE 0 END AS close_le_96h, CASE WHEN close_bucket = 13 THEN 1 ELSE 0 END AS close_le_120h, CASE WHEN close_bucket = 14 THEN 1 ELSE 0 END AS close_le_144h, CASE WHEN close_bucket = 15 THEN 1 ELSE 0 END AS close_le_168h, CASE WHEN close_bucket = 16 THEN 1 ELSE 0 END AS close_le_240h, CASE WHEN close_bucket = 17 THEN 1 ELSE 0 END AS close_le_360h, CASE WHEN close_bucket = 18 THEN 1 ELSE 0 END AS close_le_480h, CASE WHEN close_bucket = 19 THEN 1 ELSE 0 END AS close_le_720h, CASE WHEN close_bucket = 20 THEN 1 ELSE 0 END AS close_gt_720h
        FROM case_metric_facts
        UNION ALL
        SELECT account_id, close_day AS city_day, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
        FROM case_metric_facts
        WHERE close_day IS NOT NULL
    ) x
    GROUP BY account_id, city_day
)
SELECT account_id, city_day, received, merged, dispatched, response_due, accepted_in_time, responded_in_time, open_now, closed, closed_on_time, ever_closed, reopened, rated, solved, satisfied, closures, close_le_1h, close_le_2h, close_le_3h, close_le_4h, close_le_6h, close_le_8h, close_le_12h, close_le_18h, close_le_24h, close_le_36h, close_le_48h, close_le_72h, close_le_96h, close_le_120h, close_le_144h, close_le_168h, close_le_240h, close_le_360h, close_le_480h, close_le_720h, close_gt_720h FROM days
UNION ALL
SELECT account_id, city_day / 100 * 100 AS city_day, sum(received), sum(merged), sum(dispatched), sum(response_due), sum(accepted_in_time), sum(responded_in_time), sum(open_now), sum(closed), sum(closed_on_time), sum(ever_closed), sum(reopened), sum(rated), sum(solved), sum(satisfied), sum(closures), sum(close_le_1h), sum(close_le_2h), sum(close_le_3h), sum(close_le_4h), sum(close_le_6h), sum(close_le_8h), sum(close_le_12h), sum(close_le_18h), sum(close_le_24h), sum(close_le_36h), sum(close_le_48h), sum(close_le_72h), sum(close_le_96h), sum(close_le_120h), sum(close_le_144h), sum(close_le_168h), sum(close_le_240h), sum(close_le_360h), sum(close_le_480h), sum(close_le_720h), sum(close_gt_720h)
FROM days
GROUP BY account_id, city_day / 100 * 100;
-- Backfill: counters for the cases stored before this step (none on a new database).
DELETE FROM account_day_metrics;
INSERT INTO account_day_metrics (account_id, city_day, received, merged, dispatched, response_due, accepted_in_time, responded_in_time, open_now, closed, closed_on_time, ever_closed, reopened, rated, solved, satisfied, closures, close_le_1h, close_le_2h, close_le_3h, close_le_4h, close_le_6h, close_le_8h, close_le_12h, close_le_18h, close_le_24h, close_le_36h, close_le_48h, close_le_72h, close_le_96h, close_le_120h, close_le_144h, close_le_168h, close_le_240h, close_le_360h, close_le_480h, close_le_720h, close_gt_720h)
SELECT account_id, city_day, received, merged, dispatched, response_due, accepted_in_time, responded_in_time, open_now, closed, closed_on_time, ever_closed, reopened, rated, solved, satisfied, closures, close_le_1h, close_le_2h, close_le_3h, close_le_4h, close_le_6h, close_le_8h, close_le_12h, close_le_18h, close_le_24h, close_le_36h, close_le_48h, close_le_72h, close_le_96h, close_le_120h, close_le_144h, close_le_168h, close_le_240h, close_le_360h, close_le_480h, close_le_720h, close_gt_720h FROM account_day_metrics_recomputed;
