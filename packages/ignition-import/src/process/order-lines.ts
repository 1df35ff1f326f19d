// A batch's tickets and orders as they will be written, computed on the Node side (which has time
// to spare while PostgreSQL writes the previous batch) rather than by sorting the staging table
// in the database: the last line of a ticket wins (a later line is a later state of the ticket),
// an order takes its first line's buyer, date, channel and currency, and its total and status
// follow from its tickets (orderStatusOf).

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

  const orders = new Map<string, OrderSummary & { tickets: number; allCancelled: boolean; anyValid: boolean; anyPending: boolean }>();
  lines.forEach((l, i) => {
    if (!orders.has(l.orderRef)) orders.set(l.orderRef, { first: i, totalCents: 0, status: "paid", tickets: 0, allCancelled: true, anyValid: false, anyPending: false });
  });
  for (const i of tickets) {
    const l = lines[i]!;
    // A ticket's last line may name another order than its first one: it counts for that order.
    const o = orders.get(l.orderRef)!;
    o.tickets += 1;
    o.totalCents += l.priceCents;
    o.allCancelled &&= l.status === "cancelled";
    o.anyValid ||= l.status === "valid";
    o.anyPending ||= l.status === "pending";
  }
  const summaries = new Map<string, OrderSummary>();
  for (const [ref, o] of orders) {
    if (o.tickets === 0) continue;
    summaries.set(ref, { first: o.first, totalCents: o.totalCents, status: orderStatusOf(o) });
  }
  return { tickets, orders: summaries };
}
