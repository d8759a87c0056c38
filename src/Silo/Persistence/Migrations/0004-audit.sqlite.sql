CREATE TABLE "audit_log" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_audit_log" PRIMARY KEY AUTOINCREMENT,
    "At" INTEGER NOT NULL,
    "UserId" TEXT NOT NULL,
    "Method" TEXT NOT NULL,
    "Path" TEXT NOT NULL,
    "Status" INTEGER NOT NULL,
    "RemoteIp" TEXT NULL,
    "UserAgent" TEXT NULL
);
CREATE INDEX "IX_audit_log_At" ON "audit_log" ("At");
CREATE INDEX "IX_audit_log_UserId" ON "audit_log" ("UserId");
