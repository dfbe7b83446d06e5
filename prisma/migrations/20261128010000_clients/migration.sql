-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- CreateEnum
CREATE TYPE "ClientRegistration" AS ENUM ('MANUAL', 'DYNAMIC', 'METADATA_DOCUMENT');

-- CreateTable
CREATE TABLE "OAuthClient" (
    "id" TEXT NOT NULL,
    "serverId" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "logoUri" TEXT,
    "clientUri" TEXT,
    "registration" "ClientRegistration" NOT NULL,
    "isConfidential" BOOLEAN NOT NULL,
    "tokenEndpointAuthMethod" TEXT NOT NULL,
    "grantTypes" TEXT[],
    "redirectUris" TEXT[],
    "allowedScopes" TEXT[],
    "metadata" JSONB,
    "secretHash" TEXT,
    "secretLast4" TEXT,
    "secretCreatedAt" TIMESTAMP(3),
    "previousSecretHash" TEXT,
    "previousSecretLast4" TEXT,
    "previousSecretExpiresAt" TIMESTAMP(3),
    "createdById" TEXT,
    "createdByLabel" TEXT,
    "consentCount" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "lastUsedAt" TIMESTAMP(3),
    "disabledAt" TIMESTAMP(3),

    CONSTRAINT "OAuthClient_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "createdById" TEXT,
    "createdByLabel" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "OAuthClient_serverId_createdAt_id_idx" ON "OAuthClient"("serverId", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "OAuthClient_serverId_lastUsedAt_createdAt_id_idx" ON "OAuthClient"("serverId", "lastUsedAt" DESC, "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "OAuthClient_serverId_name_id_idx" ON "OAuthClient"("serverId", "name", "id");

-- CreateIndex
CREATE INDEX "OAuthClient_serverId_disabledAt_idx" ON "OAuthClient"("serverId", "disabledAt");

-- CreateIndex
CREATE INDEX "OAuthClient_name_trgm_idx" ON "OAuthClient" USING GIN ("name" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "OAuthClient_clientId_trgm_idx" ON "OAuthClient" USING GIN ("clientId" gin_trgm_ops);

-- CreateIndex
CREATE UNIQUE INDEX "OAuthClient_serverId_clientId_key" ON "OAuthClient"("serverId", "clientId");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_hash_key" ON "ApiKey"("hash");

-- CreateIndex
CREATE INDEX "ApiKey_createdAt_idx" ON "ApiKey"("createdAt");

-- AddForeignKey
ALTER TABLE "OAuthClient" ADD CONSTRAINT "OAuthClient_serverId_fkey" FOREIGN KEY ("serverId") REFERENCES "McpServer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

