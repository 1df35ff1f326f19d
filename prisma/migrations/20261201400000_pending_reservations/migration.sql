-- Unpaid reservations (issue 3): a ticket reserved but not paid yet is imported as `pending`, its
-- order too when none of its tickets is paid. Every figure counts `valid` tickets of `paid` orders
-- only, so pending ones stay out of revenue, tickets, fill rate and buyers without other changes.

-- AlterEnum (not used in this transaction, which PostgreSQL ≥ 12 allows)
ALTER TYPE "ticket_status" ADD VALUE 'pending';

-- AlterEnum
ALTER TYPE "order_status" ADD VALUE 'pending';
