CREATE TABLE posts (
    "Key" character varying(192) NOT NULL,
    "Platform" character varying(32) NOT NULL,
    "PostId" character varying(128) NOT NULL,
    "AuthorId" character varying(128) NOT NULL,
    "AuthorName" character varying(128),
    "Text" text NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "ReceivedAt" timestamp with time zone NOT NULL,
    "Lat" double precision,
    "Lon" double precision,
    "Mentions" text NOT NULL,
    "ReplyToPostId" character varying(128),
    "Sentiment" character varying(8) NOT NULL,
    "SentimentScore" real NOT NULL,
    "Anger" real NOT NULL,
    "IsComplaint" boolean NOT NULL,
    "ComplaintScore" real NOT NULL,
    "Category" character varying(32) NOT NULL,
    "Topic" character varying(32),
    "CategoryScore" real NOT NULL,
    "RegionCode" character varying(16),
    "PlaceCodes" text NOT NULL,
    "Keywords" text NOT NULL,
    "Tokens" text NOT NULL,
    "Urgency" character varying(16) NOT NULL,
    "Outcome" character varying(16) NOT NULL,
    "CaseId" character varying(64),
    "ProcessedAt" timestamp with time zone,
    CONSTRAINT "PK_posts" PRIMARY KEY ("Key")
);
CREATE TABLE routing_rules (
    "Id" character varying(64) NOT NULL,
    "Category" character varying(32),
    "Topic" character varying(32),
    "RegionCode" character varying(16),
    "AccountId" character varying(64),
    "TerritorialLevel" character varying(16),
    "Note" text,
    "CreatedBy" text NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_routing_rules" PRIMARY KEY ("Id")
);
CREATE TABLE sla_templates (
    "Id" character varying(64) NOT NULL,
    "Name" text NOT NULL,
    "Topic" character varying(32),
    "Urgency" character varying(16),
    "ResolutionHours" double precision NOT NULL,
    "FirstResponseHours" double precision NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_sla_templates" PRIMARY KEY ("Id")
);
CREATE INDEX "IX_posts_CaseId" ON posts ("CaseId");
CREATE INDEX "IX_posts_Outcome_ReceivedAt" ON posts ("Outcome", "ReceivedAt");
CREATE INDEX "IX_posts_ReceivedAt" ON posts ("ReceivedAt");
ALTER TABLE cases ADD COLUMN "FirstResponseDue" timestamp with time zone;
ALTER TABLE cases ADD COLUMN "SourcePostKey" text;
ALTER TABLE cases ADD COLUMN "IncidentId" text;
ALTER TABLE case_events ADD COLUMN "PostKey" text;
