-- AlterTable
ALTER TABLE "InstanceSettings" ADD COLUMN     "auditRetentionDays" INTEGER;
