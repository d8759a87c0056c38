-- Live events (issue 5). case_events."LiveSeq" is an entry's place in commit order across processes, given by
-- LiveSequencer after the case write commits; the entries already stored are numbered here, oldest first
-- (by the running maximum of time along each case, as LiveSequencer does, so a case's entries stay in order).
ALTER TABLE case_events ADD COLUMN "LiveSeq" INTEGER NULL;
UPDATE case_events SET "LiveSeq" = n.rn
FROM (SELECT cid, s, row_number() OVER (ORDER BY k, cid, s) AS rn
      FROM (SELECT "CaseId" AS cid, "Seq" AS s, max("At") OVER (PARTITION BY "CaseId" ORDER BY "Seq" ROWS UNBOUNDED PRECEDING) AS k
            FROM case_events) AS u) AS n
WHERE case_events."CaseId" = n.cid AND case_events."Seq" = n.s;
CREATE UNIQUE INDEX IF NOT EXISTS "IX_case_events_LiveSeq" ON "case_events" ("LiveSeq");
CREATE INDEX IF NOT EXISTS "IX_case_events_Unsequenced" ON "case_events" ("At", "CaseId", "Seq") WHERE "LiveSeq" IS NULL;
-- Who each entry concerns (every actor and target on its case's timeline up to it), for scoped reads.
CREATE TABLE IF NOT EXISTS "live_event_accounts" (
    "AccountId" TEXT NOT NULL,
    "LiveSeq" INTEGER NOT NULL,
    CONSTRAINT "PK_live_event_accounts" PRIMARY KEY ("AccountId", "LiveSeq")
);
INSERT INTO live_event_accounts ("AccountId", "LiveSeq")
SELECT p."ActorAccountId", e."LiveSeq" FROM case_events e JOIN case_events p ON p."CaseId" = e."CaseId" AND p."Seq" <= e."Seq"
WHERE e."LiveSeq" IS NOT NULL AND p."ActorAccountId" IS NOT NULL
UNION
SELECT p."TargetAccountId", e."LiveSeq" FROM case_events e JOIN case_events p ON p."CaseId" = e."CaseId" AND p."Seq" <= e."Seq"
WHERE e."LiveSeq" IS NOT NULL AND p."TargetAccountId" IS NOT NULL;
-- Snapshot tiles: open and overdue per holder from one covering index (status, deadline, holder), closed today.
CREATE INDEX IF NOT EXISTS "IX_cases_Status_Deadline_AccountId" ON "cases" ("Status", "Deadline", "AccountId");
CREATE INDEX IF NOT EXISTS "IX_cases_ClosedAt" ON "cases" ("ClosedAt");
-- Events too large for a PostgreSQL NOTIFY (unused on SQLite, kept so both schemas are one model).
CREATE TABLE IF NOT EXISTS "live_messages" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_live_messages" PRIMARY KEY AUTOINCREMENT,
    "At" INTEGER NOT NULL,
    "Body" TEXT NOT NULL
);
