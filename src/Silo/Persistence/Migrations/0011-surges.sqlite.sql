-- Surges and reports (docs/SURGES.md). Runs on new databases too (the triggers are outside the EF model),
-- so every statement is idempotent; the tables match the EF model's create script.
-- case_counts is kept by triggers on cases in the transaction that writes the case, whatever process or code
-- path wrote it: bucket = (topic, or category when there is none; district = first 6 digits of a Yinchuan region
-- code, else 6401; city day and hour in UTC+8). "ReceivedAt" is stored as UTC ticks (0001-01-01 epoch).
CREATE TABLE IF NOT EXISTS "case_counts" (
    "Topic" TEXT NOT NULL,
    "RegionCode" TEXT NOT NULL,
    "Day" TEXT NOT NULL,
    "Hour" INTEGER NOT NULL,
    "Count" INTEGER NOT NULL,
    CONSTRAINT "PK_case_counts" PRIMARY KEY ("Topic", "Day", "RegionCode", "Hour")
);
CREATE TABLE IF NOT EXISTS "reports" (
    "Kind" TEXT NOT NULL,
    "Day" TEXT NOT NULL,
    "GeneratedAt" INTEGER NOT NULL,
    "Json" TEXT NOT NULL,
    "Html" TEXT NOT NULL,
    CONSTRAINT "PK_reports" PRIMARY KEY ("Kind", "Day")
);
CREATE TABLE IF NOT EXISTS "surge_alerts" (
    "Topic" TEXT NOT NULL,
    "RegionCode" TEXT NOT NULL,
    "Day" TEXT NOT NULL,
    "FiredAt" INTEGER NOT NULL,
    "Count" INTEGER NOT NULL,
    "Rule" TEXT NOT NULL,
    "BaselineMax" INTEGER NOT NULL,
    "BaselineMedian" REAL NOT NULL,
    "BaselineScale" REAL NOT NULL,
    "ZScore" REAL NOT NULL,
    "Baseline" TEXT NOT NULL,
    "Units" TEXT NOT NULL,
    CONSTRAINT "PK_surge_alerts" PRIMARY KEY ("Topic", "RegionCode", "Day")
);
CREATE INDEX IF NOT EXISTS "IX_case_counts_Day" ON "case_counts" ("Day");
CREATE INDEX IF NOT EXISTS "IX_surge_alerts_Day" ON "surge_alerts" ("Day");

CREATE TRIGGER IF NOT EXISTS cases_counts_ai AFTER INSERT ON cases BEGIN
    INSERT INTO case_counts ("Topic", "Day", "RegionCode", "Hour", "Count")
    VALUES (COALESCE(new."Topic", new."Category"),
            date((new."ReceivedAt" - 621355968000000000) / 10000000 + 28800, 'unixepoch'),
            CASE WHEN length(new."RegionCode") >= 6 AND substr(new."RegionCode", 1, 4) = '6401' THEN substr(new."RegionCode", 1, 6) ELSE '6401' END,
            CAST(strftime('%H', (new."ReceivedAt" - 621355968000000000) / 10000000 + 28800, 'unixepoch') AS INTEGER),
            1)
    ON CONFLICT ("Topic", "Day", "RegionCode", "Hour") DO UPDATE SET "Count" = "Count" + 1;
END;
-- A recategorised case moves to its new topic's bucket (EF writes every column, hence the WHEN).
CREATE TRIGGER IF NOT EXISTS cases_counts_au AFTER UPDATE OF "Topic", "Category", "RegionCode", "ReceivedAt" ON cases
WHEN old."Topic" IS NOT new."Topic" OR old."Category" IS NOT new."Category" OR old."RegionCode" IS NOT new."RegionCode" OR old."ReceivedAt" IS NOT new."ReceivedAt" BEGIN
    UPDATE case_counts SET "Count" = "Count" - 1
    WHERE "Topic" = COALESCE(old."Topic", old."Category")
      AND "Day" = date((old."ReceivedAt" - 621355968000000000) / 10000000 + 28800, 'unixepoch')
      AND "RegionCode" = CASE WHEN length(old."RegionCode") >= 6 AND substr(old."RegionCode", 1, 4) = '6401' THEN substr(old."RegionCode", 1, 6) ELSE '6401' END
      AND "Hour" = CAST(strftime('%H', (old."ReceivedAt" - 621355968000000000) / 10000000 + 28800, 'unixepoch') AS INTEGER);
    DELETE FROM case_counts
    WHERE "Topic" = COALESCE(old."Topic", old."Category")
      AND "Day" = date((old."ReceivedAt" - 621355968000000000) / 10000000 + 28800, 'unixepoch')
      AND "RegionCode" = CASE WHEN length(old."RegionCode") >= 6 AND substr(old."RegionCode", 1, 4) = '6401' THEN substr(old."RegionCode", 1, 6) ELSE '6401' END
      AND "Hour" = CAST(strftime('%H', (old."ReceivedAt" - 621355968000000000) / 10000000 + 28800, 'unixepoch') AS INTEGER)
      AND "Count" <= 0;
    INSERT INTO case_counts ("Topic", "Day", "RegionCode", "Hour", "Count")
    VALUES (COALESCE(new."Topic", new."Category"),
            date((new."ReceivedAt" - 621355968000000000) / 10000000 + 28800, 'unixepoch'),
            CASE WHEN length(new."RegionCode") >= 6 AND substr(new."RegionCode", 1, 4) = '6401' THEN substr(new."RegionCode", 1, 6) ELSE '6401' END,
            CAST(strftime('%H', (new."ReceivedAt" - 621355968000000000) / 10000000 + 28800, 'unixepoch') AS INTEGER),
            1)
    ON CONFLICT ("Topic", "Day", "RegionCode", "Hour") DO UPDATE SET "Count" = "Count" + 1;
END;
CREATE TRIGGER IF NOT EXISTS cases_counts_ad AFTER DELETE ON cases BEGIN
    UPDATE case_counts SET "Count" = "Count" - 1
    WHERE "Topic" = COALESCE(old."Topic", old."Category")
      AND "Day" = date((old."ReceivedAt" - 621355968000000000) / 10000000 + 28800, 'unixepoch')
      AND "RegionCode" = CASE WHEN length(old."RegionCode") >= 6 AND substr(old."RegionCode", 1, 4) = '6401' THEN substr(old."RegionCode", 1, 6) ELSE '6401' END
      AND "Hour" = CAST(strftime('%H', (old."ReceivedAt" - 621355968000000000) / 10000000 + 28800, 'unixepoch') AS INTEGER);
    DELETE FROM case_counts
    WHERE "Topic" = COALESCE(old."Topic", old."Category")
      AND "Day" = date((old."ReceivedAt" - 621355968000000000) / 10000000 + 28800, 'unixepoch')
      AND "RegionCode" = CASE WHEN length(old."RegionCode") >= 6 AND substr(old."RegionCode", 1, 4) = '6401' THEN substr(old."RegionCode", 1, 6) ELSE '6401' END
      AND "Hour" = CAST(strftime('%H', (old."ReceivedAt" - 621355968000000000) / 10000000 + 28800, 'unixepoch') AS INTEGER)
      AND "Count" <= 0;
END;

-- Cases stored before this step (an upgraded database): counted once, here, under the migration's write lock.
INSERT INTO case_counts ("Topic", "Day", "RegionCode", "Hour", "Count")
SELECT topic, day, region, hour, count(*) FROM (
    SELECT COALESCE("Topic", "Category") AS topic,
           date(("ReceivedAt" - 621355968000000000) / 10000000 + 28800, 'unixepoch') AS day,
           CASE WHEN length("RegionCode") >= 6 AND substr("RegionCode", 1, 4) = '6401' THEN substr("RegionCode", 1, 6) ELSE '6401' END AS region,
           CAST(strftime('%H', ("ReceivedAt" - 621355968000000000) / 10000000 + 28800, 'unixepoch') AS INTEGER) AS hour
    FROM cases) AS c
WHERE true
GROUP BY topic, day, region, hour
ON CONFLICT ("Topic", "Day", "RegionCode", "Hour") DO NOTHING;
