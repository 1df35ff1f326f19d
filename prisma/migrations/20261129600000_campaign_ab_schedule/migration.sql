-- Campaign scheduling and A/B subject tests (issue 5 §2): the test's settings and decision on the
-- campaign, the variant each sampled recipient gets in the send ledger, and a ledger status for
-- the remainder that waits for the winner. No new table: RLS policies of both tables apply.

-- CreateEnum
CREATE TYPE "ab_variant" AS ENUM ('A', 'B', 'C');

-- AlterEnum (not used in this transaction, which PostgreSQL ≥ 12 allows)
ALTER TYPE "delivery_status" ADD VALUE 'awaiting_winner';

-- AlterTable
ALTER TABLE "campaign" ADD COLUMN     "ab_test" JSONB,
ADD COLUMN     "ab_decide_at" TIMESTAMPTZ(6),
ADD COLUMN     "ab_winner" "ab_variant",
ADD COLUMN     "ab_decided_at" TIMESTAMPTZ(6);

-- AlterTable
ALTER TABLE "campaign_delivery" ADD COLUMN     "variant" "ab_variant";
