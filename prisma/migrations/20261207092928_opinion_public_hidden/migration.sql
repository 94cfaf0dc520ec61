-- AlterTable
ALTER TABLE "Opinion" ADD COLUMN     "publicHidden" BOOLEAN;
