// Unpaid reservations (tickets imported as `pending`): shown beside the KPIs so a venue sees what
// may still be paid, never counted as sales. A snapshot of the last import, so there is no
// comparison with earlier periods (the export does not say what was pending back then). Read
// from the ticket table, not a rollup: the sales rollups only hold counted tickets.
import { Prisma, type Tx } from "@rappel/db";
import type { TDashboardFilters } from "./filters";
import { countedTicket } from "./rollup-sql";
import {
  channelFilter,
  parisDayOf,
  performanceFilter,
  performanceInPeriod,
  periodsTable,
} from "./scope";

export interface PendingReservations {
  tickets: number;
  orders: number;
  /** What they would bring once paid (complimentary tickets excluded), in cents. */
  amountCents: number;
}

/** Totals of the pending tickets (`t`, order `o`) of performances `p` the caller's FROM selects. */
async function pendingTotals(
  tx: Tx,
  tenantId: string,
  from: Prisma.Sql,
  where: Prisma.Sql,
): Promise<PendingReservations> {
  const [row] = await tx.$queryRaw<{ tickets: number; orders: number; amount: number }[]>`
    SELECT count(*)::int AS tickets, count(DISTINCT t.order_id)::int AS orders,
           coalesce(sum(t.price_cents) FILTER (WHERE NOT t.is_complimentary), 0)::float8 AS amount
      FROM ${from}
      JOIN ticket t ON t.tenant_id = p.tenant_id AND t.performance_id = p.id AND t.status = 'pending'
      JOIN ticket_order o ON o.tenant_id = t.tenant_id AND o.id = t.order_id
     WHERE ${where} AND ${countedTicket(tenantId)}`;
  return { tickets: row?.tickets ?? 0, orders: row?.orders ?? 0, amountCents: row?.amount ?? 0 };
}

/**
 * Pending tickets for the non-cancelled performances the filters select (by performance date, or
 * by reservation date with the sale basis), restricted people left out as in every figure.
 */
export async function getPendingReservations(
  tx: Tx,
  tenantId: string,
  f: TDashboardFilters,
): Promise<PendingReservations> {
  const period = periodsTable([{ from: f.from, to: f.to, salesUpTo: f.to }]);
  const inPeriod =
    f.basis === "sale"
      ? Prisma.sql`${parisDayOf(Prisma.sql`o.ordered_at`)} BETWEEN pr.from_day AND pr.to_day`
      : performanceInPeriod();
  return pendingTotals(
    tx,
    tenantId,
    Prisma.sql`${period} JOIN performance p ON ${performanceFilter(tenantId, f)} AND p.status <> 'cancelled'`,
    Prisma.sql`${inPeriod} AND ${channelFilter(Prisma.sql`t.sales_channel`, f)}`,
  );
}

/** Pending tickets of one performance, whatever the dashboard's filters (its own page). */
export async function getPerformancePendingReservations(
  tx: Tx,
  tenantId: string,
  performanceId: string,
): Promise<PendingReservations> {
  return pendingTotals(
    tx,
    tenantId,
    Prisma.sql`performance p`,
    Prisma.sql`p.tenant_id = ${tenantId}::uuid AND p.id = ${performanceId}::uuid`,
  );
}

/** Shown on hover, like the KPI definitions (kpi-definitions.ts). */
export const PENDING_RESERVATIONS_DEFINITION = {
  fr: "Billets réservés mais pas encore payés (statut « réservé », « en attente », « option »… dans le dernier import), pour les représentations non annulées du périmètre. Ils ne comptent ni dans la recette, ni dans les billets, ni dans le taux de remplissage, ni parmi les acheteurs ; un import ultérieur où ils sont payés les fait passer en ventes. Montant : leur prix, invitations exclues. Pas de comparaison : l'export ne dit pas ce qui était en attente aux périodes passées.",
  en: "Tickets reserved but not paid yet (status “reserved”, “pending”, “on hold”… in the latest import), for the non-cancelled performances in scope. They count neither in revenue, tickets, fill rate nor buyers; a later import where they are paid turns them into sales. Amount: their price, complimentary tickets excluded. No comparison: the export does not say what was pending in past periods.",
} as const;
