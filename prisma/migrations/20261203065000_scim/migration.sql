-- AlterTable
ALTER TABLE "User" ADD COLUMN     "familyName" TEXT,
ADD COLUMN     "givenName" TEXT;

-- CreateIndex
CREATE INDEX "User_scimProviderId_createdAt_id_idx" ON "User"("scimProviderId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "User_scimProviderId_scimExternalId_idx" ON "User"("scimProviderId", "scimExternalId");
