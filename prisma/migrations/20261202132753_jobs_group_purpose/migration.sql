-- AlterTable
ALTER TABLE "Group" ADD COLUMN     "purpose" TEXT NOT NULL DEFAULT 'village';

-- AlterTable
ALTER TABLE "JobRun" ADD COLUMN     "owner" TEXT;
