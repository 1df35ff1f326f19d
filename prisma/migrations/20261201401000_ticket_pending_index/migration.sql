-- Unpaid reservations on the dashboard (issue 3) are read from the ticket table: a partial index
-- holds only the pending tickets, so counting them for a period's performances reads a handful
-- of rows instead of the tenant's whole partition, and costs imports nothing for sold tickets.
-- Separate from 20261201400000: a new enum value cannot be used in the transaction adding it.

-- CreateIndex
CREATE INDEX "ticket_pending_idx" ON "ticket"("tenant_id", "performance_id") WHERE (status = 'pending');
