-- AlterTable
ALTER TABLE "McpServer" ADD COLUMN     "cimdEnabled" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "cimdHosts" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "cimdTrust" "CimdTrust" NOT NULL DEFAULT 'ANY';

