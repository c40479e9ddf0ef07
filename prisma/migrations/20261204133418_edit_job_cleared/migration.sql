-- AlterTable
ALTER TABLE "edit_jobs" ADD COLUMN     "cleared_at" TIMESTAMPTZ(3);
