-- AlterTable
ALTER TABLE "McpServer" ADD COLUMN     "statusListTtl" INTEGER NOT NULL DEFAULT 10;

-- CreateTable
CREATE TABLE "StatusList" (
    "id" TEXT NOT NULL,
    "serverId" TEXT NOT NULL,
    "capacity" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "StatusList_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StatusListEntry" (
    "listId" TEXT NOT NULL,
    "idx" INTEGER NOT NULL,
    "jti" TEXT NOT NULL,
    "clientId" TEXT,
    "userBound" BOOLEAN NOT NULL,
    "familyId" TEXT,

    CONSTRAINT "StatusListEntry_pkey" PRIMARY KEY ("listId","idx")
);

-- CreateIndex
CREATE INDEX "StatusList_serverId_closedAt_idx" ON "StatusList"("serverId", "closedAt");

-- CreateIndex
CREATE INDEX "StatusListEntry_jti_idx" ON "StatusListEntry"("jti");

-- CreateIndex
CREATE INDEX "StatusListEntry_clientId_idx" ON "StatusListEntry"("clientId");

-- CreateIndex
CREATE INDEX "StatusListEntry_familyId_idx" ON "StatusListEntry"("familyId");

-- AddForeignKey
ALTER TABLE "StatusList" ADD CONSTRAINT "StatusList_serverId_fkey" FOREIGN KEY ("serverId") REFERENCES "McpServer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatusListEntry" ADD CONSTRAINT "StatusListEntry_listId_fkey" FOREIGN KEY ("listId") REFERENCES "StatusList"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatusListEntry" ADD CONSTRAINT "StatusListEntry_clientId_fkey" FOREIGN KEY ("clientId") REFERENCES "OAuthClient"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatusListEntry" ADD CONSTRAINT "StatusListEntry_familyId_fkey" FOREIGN KEY ("familyId") REFERENCES "RefreshFamily"("id") ON DELETE SET NULL ON UPDATE CASCADE;

