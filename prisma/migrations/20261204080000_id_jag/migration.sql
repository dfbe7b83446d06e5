-- AlterTable
ALTER TABLE "Consent" ADD COLUMN     "grantedByProviderId" TEXT;

-- AlterTable
ALTER TABLE "IdentityProvider" ADD COLUMN     "idJagServerIds" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AddForeignKey
ALTER TABLE "Consent" ADD CONSTRAINT "Consent_grantedByProviderId_fkey" FOREIGN KEY ("grantedByProviderId") REFERENCES "IdentityProvider"("id") ON DELETE SET NULL ON UPDATE CASCADE;

