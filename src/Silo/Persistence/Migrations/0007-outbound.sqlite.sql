CREATE TABLE IF NOT EXISTS "outbound_events" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_outbound_events" PRIMARY KEY,
    "Type" TEXT NOT NULL,
    "CaseId" TEXT NOT NULL,
    "Seq" INTEGER NOT NULL,
    "At" INTEGER NOT NULL,
    "AccountId" TEXT NULL,
    "Text" TEXT NULL,
    "Payload" TEXT NOT NULL,
    "FannedOutAt" INTEGER NULL
);
CREATE TABLE IF NOT EXISTS "webhook_attempts" (
    "DeliveryId" TEXT NOT NULL,
    "No" INTEGER NOT NULL,
    "At" INTEGER NOT NULL,
    "StatusCode" INTEGER NULL,
    "Error" TEXT NULL,
    "DurationMs" INTEGER NOT NULL,
    CONSTRAINT "PK_webhook_attempts" PRIMARY KEY ("DeliveryId", "No")
);
CREATE TABLE IF NOT EXISTS "webhook_deliveries" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_webhook_deliveries" PRIMARY KEY,
    "SubscriptionId" TEXT NOT NULL,
    "EventId" TEXT NOT NULL,
    "EventType" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "Attempts" INTEGER NOT NULL,
    "NextAttemptAt" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "LastAttemptAt" INTEGER NULL,
    "LastStatusCode" INTEGER NULL,
    "LastError" TEXT NULL,
    "DeliveredAt" INTEGER NULL
);
CREATE TABLE IF NOT EXISTS "webhook_subscriptions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_webhook_subscriptions" PRIMARY KEY,
    "Url" TEXT NOT NULL,
    "Secret" TEXT NOT NULL,
    "Events" TEXT NOT NULL,
    "CreatedBy" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "DeletedAt" INTEGER NULL
);
CREATE INDEX IF NOT EXISTS "IX_outbound_events_AccountId_Type_At" ON "outbound_events" ("AccountId", "Type", "At");
CREATE INDEX IF NOT EXISTS "IX_outbound_events_FannedOutAt" ON "outbound_events" ("FannedOutAt");
CREATE INDEX IF NOT EXISTS "IX_outbound_events_Type_At" ON "outbound_events" ("Type", "At");
CREATE INDEX IF NOT EXISTS "IX_webhook_deliveries_Status_NextAttemptAt" ON "webhook_deliveries" ("Status", "NextAttemptAt");
CREATE INDEX IF NOT EXISTS "IX_webhook_deliveries_SubscriptionId_CreatedAt" ON "webhook_deliveries" ("SubscriptionId", "CreatedAt");
