CREATE TABLE "posts" (
    "Key" TEXT NOT NULL CONSTRAINT "PK_posts" PRIMARY KEY,
    "Platform" TEXT NOT NULL,
    "PostId" TEXT NOT NULL,
    "AuthorId" TEXT NOT NULL,
    "AuthorName" TEXT NULL,
    "Text" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "ReceivedAt" INTEGER NOT NULL,
    "Lat" REAL NULL,
    "Lon" REAL NULL,
    "Mentions" TEXT NOT NULL,
    "ReplyToPostId" TEXT NULL,
    "Sentiment" TEXT NOT NULL,
    "SentimentScore" REAL NOT NULL,
    "Anger" REAL NOT NULL,
    "IsComplaint" INTEGER NOT NULL,
    "ComplaintScore" REAL NOT NULL,
    "Category" TEXT NOT NULL,
    "Topic" TEXT NULL,
    "CategoryScore" REAL NOT NULL,
    "RegionCode" TEXT NULL,
    "PlaceCodes" TEXT NOT NULL,
    "Keywords" TEXT NOT NULL,
    "Tokens" TEXT NOT NULL,
    "Urgency" TEXT NOT NULL,
    "Outcome" TEXT NOT NULL,
    "CaseId" TEXT NULL,
    "ProcessedAt" INTEGER NULL
);
CREATE TABLE "routing_rules" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_routing_rules" PRIMARY KEY,
    "Category" TEXT NULL,
    "Topic" TEXT NULL,
    "RegionCode" TEXT NULL,
    "AccountId" TEXT NULL,
    "TerritorialLevel" TEXT NULL,
    "Note" TEXT NULL,
    "CreatedBy" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL
);
CREATE TABLE "sla_templates" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_sla_templates" PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "Topic" TEXT NULL,
    "Urgency" TEXT NULL,
    "ResolutionHours" REAL NOT NULL,
    "FirstResponseHours" REAL NOT NULL,
    "UpdatedAt" INTEGER NOT NULL
);
CREATE INDEX "IX_posts_CaseId" ON "posts" ("CaseId");
CREATE INDEX "IX_posts_Outcome_ReceivedAt" ON "posts" ("Outcome", "ReceivedAt");
CREATE INDEX "IX_posts_ReceivedAt" ON "posts" ("ReceivedAt");
ALTER TABLE cases ADD COLUMN "FirstResponseDue" INTEGER NULL;
ALTER TABLE cases ADD COLUMN "SourcePostKey" TEXT NULL;
ALTER TABLE cases ADD COLUMN "IncidentId" TEXT NULL;
ALTER TABLE case_events ADD COLUMN "PostKey" TEXT NULL;
