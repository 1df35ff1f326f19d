// A batch's tickets and orders as they will be written, computed on the Node side (which has time
// to spare while PostgreSQL writes the previous batch) rather than by sorting the staging table
// in the database: the last line of a ticket wins (a later line is a later state of the ticket),
// an order takes its first line's buyer, date, channel and currency, and its status and total
// follow from its tickets (orderStatusOf, orderTotalOf).

/** A ticket's status as stored: `pending` is a reservation not paid yet (counted nowhere). */
export type StoredTicketStatus = "valid" | "cancelled" | "refunded" | "pending";
export type StoredOrderStatus = "paid" | "cancelled" | "refunded" | "pending";

/**
 * All cancelled → cancelled; one valid ticket → paid; else one reservation → pending (paid
 * later); else refunded. The import's `orders.totals` SQL applies the same rule to orders spread
 * over several batches or imports.
 */
export function orderStatusOf(o: { allCancelled: boolean; anyValid: boolean; anyPending: boolean }): StoredOrderStatus {
  if (o.allCancelled) return "cancelled";
  if (o.anyValid) return "paid";
  return o.anyPending ? "pending" : "refunded";
}

/**
 * The money an order stands for, by its status: a paid order's valid tickets (not the cancelled,
 * refunded or still pending ones it holds), a pending order's reservations (the amount due), and
 * nothing for a cancelled or refunded order. The `orders.totals` SQL applies the same rule.
 */
export function orderTotalOf(status: StoredOrderStatus, o: { validCents: number; pendingCents: number }): number {
  if (status === "paid") return o.validCents;
  return status === "pending" ? o.pendingCents : 0;
}

export interface OrderLine {
  line: number;
  orderRef: string;
  ticketRef: string;
  priceCents: number;
  status: StoredTicketStatus;
}

export interface OrderSummary {
  /** Index (in the batch) of the order's first line. */
  first: number;
  totalCents: number;
  status: StoredOrderStatus;
}

export interface BatchPlan {
  /** Indexes of the lines to write as tickets: the last line of each ticket reference, in file order. */
  tickets: number[];
  /**
   * One entry per order reference that keeps a ticket, in order of first appearance (an order
   * whose every ticket moved to another order on a later line is not written).
   */
  orders: Map<string, OrderSummary>;
}

/** `lines` must be in file order (as a batch is read). */
export function planBatch(lines: readonly OrderLine[]): BatchPlan {
  const lastOfTicket = new Map<string, number>();
  lines.forEach((l, i) => lastOfTicket.set(l.ticketRef, i));
  const tickets = [...lastOfTicket.values()].sort((a, b) => a - b);

  interface Tally { first: number; tickets: number; validCents: number; pendingCents: number; allCancelled: boolean; anyValid: boolean; anyPending: boolean }
  const orders = new Map<string, Tally>();
  lines.forEach((l, i) => {
    if (!orders.has(l.orderRef)) orders.set(l.orderRef, { first: i, tickets: 0, validCents: 0, pendingCents: 0, allCancelled: true, anyValid: false, anyPending: false });
  });
  for (const i of tickets) {
    const l = lines[i]!;
    // A ticket's last line may name another order than its first one: it counts for that order.
    const o = orders.get(l.orderRef)!;
    o.tickets += 1;
    if (l.status === "valid") o.validCents += l.priceCents;
    else if (l.status === "pending") o.pendingCents += l.priceCents;
    o.allCancelled &&= l.status === "cancelled";
    o.anyValid ||= l.status === "valid";
    o.anyPending ||= l.status === "pending";
  }
  const summaries = new Map<string, OrderSummary>();
  for (const [ref, o] of orders) {
    if (o.tickets === 0) continue;
    const status = orderStatusOf(o);
    summaries.set(ref, { first: o.first, totalCents: orderTotalOf(status, o), status });
  }
  return { tickets, orders: summaries };
}
