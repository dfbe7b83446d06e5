-- AlterTable
ALTER TABLE "OAuthClient" ADD COLUMN     "dpopBoundAccessTokens" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "RefreshFamily" ADD COLUMN     "dpopJkt" TEXT;

-- CreateTable
CREATE TABLE "DpopProofJti" (
    "id" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DpopProofJti_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DpopProofJti_expiresAt_idx" ON "DpopProofJti"("expiresAt");

-- AlterTable (RFC 9449 §10 dpop_jkt: an authorization code bound to a DPoP key)
ALTER TABLE "AuthorizationRequest" ADD COLUMN     "dpopJkt" TEXT;

-- AlterTable
ALTER TABLE "AuthorizationCode" ADD COLUMN     "dpopJkt" TEXT;
