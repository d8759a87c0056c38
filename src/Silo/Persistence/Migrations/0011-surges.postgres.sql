-- Surges and reports (docs/SURGES.md). Runs on new databases too (the triggers are outside the EF model),
-- so every statement is idempotent; the tables match the EF model's create script.
-- case_counts is kept by triggers on cases in the transaction that writes the case, whatever process or code
-- path wrote it: bucket = (topic, or category when there is none; district = first 6 digits of a Yinchuan region
-- code, else 6401; city day and hour in UTC+8, a fixed offset: no daylight saving in China).
-- Concurrency: the upsert locks the bucket row until the case's transaction commits, so cases of one topic in
-- one district and hour commit one after another (rows are locked one per transaction: no deadlock).
CREATE TABLE IF NOT EXISTS case_counts (
    "Topic" character varying(32) NOT NULL,
    "RegionCode" character varying(16) NOT NULL,
    "Day" date NOT NULL,
    "Hour" integer NOT NULL,
    "Count" integer NOT NULL,
    CONSTRAINT "PK_case_counts" PRIMARY KEY ("Topic", "Day", "RegionCode", "Hour")
);
CREATE TABLE IF NOT EXISTS reports (
    "Kind" character varying(16) NOT NULL,
    "Day" date NOT NULL,
    "GeneratedAt" timestamp with time zone NOT NULL,
    "Json" text NOT NULL,
    "Html" text NOT NULL,
    CONSTRAINT "PK_reports" PRIMARY KEY ("Kind", "Day")
);
CREATE TABLE IF NOT EXISTS surge_alerts (
    "Topic" character varying(32) NOT NULL,
    "RegionCode" character varying(16) NOT NULL,
    "Day" date NOT NULL,
    "FiredAt" timestamp with time zone NOT NULL,
    "Count" integer NOT NULL,
    "Rule" character varying(8) NOT NULL,
    "BaselineMax" integer NOT NULL,
    "BaselineMedian" double precision NOT NULL,
    "BaselineScale" double precision NOT NULL,
    "ZScore" double precision NOT NULL,
    "Baseline" text NOT NULL,
    "Units" text NOT NULL,
    CONSTRAINT "PK_surge_alerts" PRIMARY KEY ("Topic", "RegionCode", "Day")
);
CREATE INDEX IF NOT EXISTS "IX_case_counts_Day" ON case_counts ("Day");
CREATE INDEX IF NOT EXISTS "IX_surge_alerts_Day" ON surge_alerts ("Day");

CREATE OR REPLACE FUNCTION case_counts_add(topic text, region text, received timestamptz, delta integer) RETURNS void AS $$
DECLARE
    city_time timestamp := (received AT TIME ZONE 'UTC') + interval '8 hours';
    bucket text := CASE WHEN length(region) >= 6 AND substr(region, 1, 4) = '6401' THEN substr(region, 1, 6) ELSE '6401' END;
BEGIN
    INSERT INTO case_counts ("Topic", "Day", "RegionCode", "Hour", "Count")
    VALUES (topic, city_time::date, bucket, extract(hour FROM city_time)::integer, delta)
    ON CONFLICT ("Topic", "Day", "RegionCode", "Hour") DO UPDATE SET "Count" = case_counts."Count" + excluded."Count";
    IF delta < 0 THEN
        DELETE FROM case_counts WHERE "Topic" = topic AND "Day" = city_time::date AND "RegionCode" = bucket
            AND "Hour" = extract(hour FROM city_time)::integer AND "Count" <= 0;
    END IF;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION cases_counts_trigger() RETURNS trigger AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM case_counts_add(COALESCE(OLD."Topic", OLD."Category"), OLD."RegionCode", OLD."ReceivedAt", -1);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM case_counts_add(COALESCE(NEW."Topic", NEW."Category"), NEW."RegionCode", NEW."ReceivedAt", 1);
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE TRIGGER cases_counts_ai AFTER INSERT ON cases FOR EACH ROW EXECUTE FUNCTION cases_counts_trigger();
-- A recategorised case moves to its new topic's bucket (EF writes every column, hence the WHEN).
CREATE OR REPLACE TRIGGER cases_counts_au AFTER UPDATE OF "Topic", "Category", "RegionCode", "ReceivedAt" ON cases FOR EACH ROW
    WHEN (OLD."Topic" IS DISTINCT FROM NEW."Topic" OR OLD."Category" IS DISTINCT FROM NEW."Category"
          OR OLD."RegionCode" IS DISTINCT FROM NEW."RegionCode" OR OLD."ReceivedAt" IS DISTINCT FROM NEW."ReceivedAt")
    EXECUTE FUNCTION cases_counts_trigger();
CREATE OR REPLACE TRIGGER cases_counts_ad AFTER DELETE ON cases FOR EACH ROW EXECUTE FUNCTION cases_counts_trigger();

-- Cases stored before this step (an upgraded database): counted once, here. CREATE TRIGGER locked cases
-- against writes until this transaction commits, so no case is counted twice or missed.
INSERT INTO case_counts ("Topic", "Day", "RegionCode", "Hour", "Count")
SELECT topic, (city_time)::date, region, extract(hour FROM city_time)::integer, count(*) FROM (
    SELECT COALESCE("Topic", "Category") AS topic,
           ("ReceivedAt" AT TIME ZONE 'UTC') + interval '8 hours' AS city_time,
           CASE WHEN length("RegionCode") >= 6 AND substr("RegionCode", 1, 4) = '6401' THEN substr("RegionCode", 1, 6) ELSE '6401' END AS region
    FROM cases) AS c
GROUP BY topic, (city_time)::date, region, extract(hour FROM city_time)::integer
ON CONFLICT ("Topic", "Day", "RegionCode", "Hour") DO NOTHING;
