CREATE TABLE users (
    "Id" character varying(64) NOT NULL,
    "DisplayName" character varying(128) NOT NULL,
    "PasswordHash" text NOT NULL,
    "Roles" text NOT NULL,
    "AccountIds" text NOT NULL,
    "Active" boolean NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_users" PRIMARY KEY ("Id")
);
CREATE TABLE data_protection_keys (
    "FriendlyName" text NOT NULL,
    "Xml" text NOT NULL,
    CONSTRAINT "PK_data_protection_keys" PRIMARY KEY ("FriendlyName")
);
