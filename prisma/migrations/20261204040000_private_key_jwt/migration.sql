-- AlterTable
ALTER TABLE "OAuthClient" ADD COLUMN     "jwks" JSONB,
ADD COLUMN     "jwksUri" TEXT;

-- CreateTable
CREATE TABLE "UsedJwtId" (
    "kind" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "jti" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UsedJwtId_pkey" PRIMARY KEY ("kind","issuer","jti")
);

-- CreateIndex
CREATE INDEX "UsedJwtId_expiresAt_idx" ON "UsedJwtId"("expiresAt");
