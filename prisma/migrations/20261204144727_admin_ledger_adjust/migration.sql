-- AlterEnum
ALTER TYPE "LedgerKind" ADD VALUE 'adjust';

-- AlterTable
ALTER TABLE "ledger_entries" ADD COLUMN     "usage_record_id" UUID;
