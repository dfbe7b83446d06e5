-- AlterTable
ALTER TABLE "McpServer" ADD COLUMN     "dcrMaxClients" INTEGER,
ADD COLUMN     "dcrMode" "DcrMode" NOT NULL DEFAULT 'OFF',
ADD COLUMN     "dcrPruneIdleDays" INTEGER NOT NULL DEFAULT 90,
ADD COLUMN     "dcrPruneUnusedDays" INTEGER NOT NULL DEFAULT 7,
ADD COLUMN     "dcrRateLimitPerHour" INTEGER NOT NULL DEFAULT 20,
ADD COLUMN     "dcrRedirectCustom" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "dcrRedirectPresets" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "dcrRequireApproval" BOOLEAN NOT NULL DEFAULT false;

-- Existing servers: the mode follows the master switch (open DCR stays open).
UPDATE "McpServer" SET "dcrMode" = 'OPEN' WHERE "dcrEnabled";

-- Initial access tokens of a deleted server go with it.
DELETE FROM "InitialAccessToken" t WHERE NOT EXISTS (SELECT 1 FROM "McpServer" s WHERE s."id" = t."serverId");

-- AddForeignKey
ALTER TABLE "InitialAccessToken" ADD CONSTRAINT "InitialAccessToken_serverId_fkey" FOREIGN KEY ("serverId") REFERENCES "McpServer"("id") ON DELETE CASCADE ON UPDATE CASCADE;
