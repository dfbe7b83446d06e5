-- AlterTable
ALTER TABLE "Consent" ADD COLUMN     "grantedByProviderId" TEXT;

-- AlterTable
ALTER TABLE "IdentityProvider" ADD COLUMN     "idJagServerIds" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "UsedJwtId" (
    "kind" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "jti" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "UsedJwtId_pkey" PRIMARY KEY ("kind","issuer","jti")
);

-- CreateIndex
CREATE INDEX "UsedJwtId_expiresAt_idx" ON "UsedJwtId"("expiresAt");

-- AddForeignKey
ALTER TABLE "Consent" ADD CONSTRAINT "Consent_grantedByProviderId_fkey" FOREIGN KEY ("grantedByProviderId") REFERENCES "IdentityProvider"("id") ON DELETE SET NULL ON UPDATE CASCADE;

