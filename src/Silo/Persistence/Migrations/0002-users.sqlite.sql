CREATE TABLE "users" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_users" PRIMARY KEY,
    "DisplayName" TEXT NOT NULL,
    "PasswordHash" TEXT NOT NULL,
    "Roles" TEXT NOT NULL,
    "AccountIds" TEXT NOT NULL,
    "Active" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL
);
CREATE TABLE "data_protection_keys" (
    "FriendlyName" TEXT NOT NULL CONSTRAINT "PK_data_protection_keys" PRIMARY KEY,
    "Xml" TEXT NOT NULL
);
