// The one pass over tickets that every rollup family aggregates: the counted tickets of the
// refreshed performances (valid, of a paid order, neither holder nor buyer restricted), each with
// the order and performance columns the families need. Joining tickets with their orders once
// instead of once per family (four times) was most of a refresh.
import { Prisma, type Tx } from "@rappel/db";
import { countedTicket, onlyPerformances } from "./rollup-sql";
import { parisDayOf } from "./scope";

/** Session-private, dropped by `dropCountedTickets` or at the end of the transaction. */
export const COUNTED_TICKETS = Prisma.raw("rollup_counted_ticket");

/**
 * Fills the temporary table for the performances (null: the whole tenant). Columns:
 * performance_id, order_id, sales_channel (the ticket's), order_channel, price_category,
 * price_cents, is_complimentary, buyer_id (the order's spectator), attendee_id (holder, else
 * buyer), ordered_at, day (the order's Paris day), performance_day (the performance's Paris day).
 */
/** Condition on ticket `t`: a valid ticket of the tenant, of the performances (null: all). */
export function refreshedTickets(tenantId: string, ids: readonly string[] | null): Prisma.Sql {
  return Prisma.sql`t.tenant_id = ${tenantId}::uuid ${onlyPerformances(Prisma.sql`t.performance_id`, ids)} AND t.status = 'valid'`;
}

export async function stageCountedTickets(tx: Tx, tenantId: string, ids: readonly string[] | null): Promise<number> {
  // A second refresh in the same transaction (a merge then its undo) starts afresh.
  await dropCountedTickets(tx);
  const rows = await tx.$executeRaw`
    CREATE TEMP TABLE ${COUNTED_TICKETS} ON COMMIT DROP AS
    SELECT t.performance_id, t.order_id, t.sales_channel, o.sales_channel AS order_channel, t.price_category, t.price_cents,
           t.is_complimentary, o.spectator_id AS buyer_id, coalesce(t.holder_id, o.spectator_id) AS attendee_id, o.ordered_at,
           ${parisDayOf(Prisma.sql`o.ordered_at`)} AS day, ${parisDayOf(Prisma.sql`p.starts_at`)} AS performance_day
      FROM ticket t
      JOIN ticket_order o ON o.tenant_id = t.tenant_id AND o.id = t.order_id
      JOIN performance p ON p.tenant_id = t.tenant_id AND p.id = t.performance_id
     WHERE ${refreshedTickets(tenantId, ids)} AND o.status = 'paid' AND ${countedTicket(tenantId)}`;
  // Statistics for the families' group-bys and joins (a temporary table has none otherwise).
  await tx.$executeRaw`ANALYZE ${COUNTED_TICKETS}`;
  return rows;
}

export async function dropCountedTickets(tx: Tx): Promise<void> {
  await tx.$executeRaw`DROP TABLE IF EXISTS pg_temp.${COUNTED_TICKETS}`;
}
