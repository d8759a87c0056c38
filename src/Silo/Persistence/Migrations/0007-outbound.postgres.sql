CREATE TABLE IF NOT EXISTS outbound_events (
    "Id" character varying(80) NOT NULL,
    "Type" character varying(32) NOT NULL,
    "CaseId" character varying(64) NOT NULL,
    "Seq" integer NOT NULL,
    "At" timestamp with time zone NOT NULL,
    "AccountId" character varying(64),
    "Text" text,
    "Payload" text NOT NULL,
    "FannedOutAt" timestamp with time zone,
    CONSTRAINT "PK_outbound_events" PRIMARY KEY ("Id")
);
CREATE TABLE IF NOT EXISTS webhook_attempts (
    "DeliveryId" character varying(128) NOT NULL,
    "No" integer NOT NULL,
    "At" timestamp with time zone NOT NULL,
    "StatusCode" integer,
    "Error" text,
    "DurationMs" bigint NOT NULL,
    CONSTRAINT "PK_webhook_attempts" PRIMARY KEY ("DeliveryId", "No")
);
CREATE TABLE IF NOT EXISTS webhook_deliveries (
    "Id" character varying(128) NOT NULL,
    "SubscriptionId" character varying(32) NOT NULL,
    "EventId" character varying(80) NOT NULL,
    "EventType" character varying(32) NOT NULL,
    "Status" character varying(16) NOT NULL,
    "Attempts" integer NOT NULL,
    "NextAttemptAt" timestamp with time zone NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "LastAttemptAt" timestamp with time zone,
    "LastStatusCode" integer,
    "LastError" text,
    "DeliveredAt" timestamp with time zone,
    CONSTRAINT "PK_webhook_deliveries" PRIMARY KEY ("Id")
);
CREATE TABLE IF NOT EXISTS webhook_subscriptions (
    "Id" character varying(32) NOT NULL,
    "Url" character varying(2048) NOT NULL,
    "Secret" character varying(256) NOT NULL,
    "Events" text NOT NULL,
    "CreatedBy" character varying(64) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "DeletedAt" timestamp with time zone,
    CONSTRAINT "PK_webhook_subscriptions" PRIMARY KEY ("Id")
);
CREATE INDEX IF NOT EXISTS "IX_outbound_events_AccountId_Type_At" ON outbound_events ("AccountId", "Type", "At");
CREATE INDEX IF NOT EXISTS "IX_outbound_events_FannedOutAt" ON outbound_events ("FannedOutAt");
CREATE INDEX IF NOT EXISTS "IX_outbound_events_Type_At" ON outbound_events ("Type", "At");
CREATE INDEX IF NOT EXISTS "IX_webhook_deliveries_Status_NextAttemptAt" ON webhook_deliveries ("Status", "NextAttemptAt");
CREATE INDEX IF NOT EXISTS "IX_webhook_deliveries_SubscriptionId_CreatedAt" ON webhook_deliveries ("SubscriptionId", "CreatedAt");
