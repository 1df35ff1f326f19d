import { describe, expect, it } from "vitest";
import { planBatch, type OrderLine } from "./order-lines";

const line = (n: number, orderRef: string, ticketRef: string, priceCents: number, status: OrderLine["status"] = "valid"): OrderLine => ({
  line: n,
  orderRef,
  ticketRef,
  priceCents,
  status,
});

describe("planBatch", () => {
  it("keeps the last line of each ticket, in file order", () => {
    const plan = planBatch([line(2, "A", "A/1", 1000), line(3, "A", "A/2", 1500), line(4, "A", "A/1", 1200, "refunded")]);
    expect(plan.tickets).toEqual([1, 2]);
    // A/1's last state is refunded: only A/2 is paid for.
    expect(plan.orders.get("A")).toEqual({ first: 0, totalCents: 1500, status: "paid" });
  });

  it("derives each order's status from its tickets' last states", () => {
    const plan = planBatch([
      line(2, "C", "C/1", 1000, "cancelled"),
      line(3, "C", "C/2", 1000, "cancelled"),
      line(4, "R", "R/1", 800, "refunded"),
      line(5, "R", "R/2", 800, "cancelled"),
      line(6, "P", "P/1", 500, "cancelled"),
      line(7, "P", "P/2", 0, "valid"),
    ]);
    expect(plan.orders.get("C")).toMatchObject({ totalCents: 0, status: "cancelled" });
    expect(plan.orders.get("R")).toMatchObject({ totalCents: 0, status: "refunded" });
    expect(plan.orders.get("P")).toMatchObject({ first: 4, totalCents: 0, status: "paid" });
    expect([...plan.orders.keys()]).toEqual(["C", "R", "P"]);
  });

  it("keeps an order of unpaid reservations pending, and paid as soon as one ticket is", () => {
    const plan = planBatch([
      line(2, "W", "W/1", 1800, "pending"),
      line(3, "W", "W/2", 1800, "cancelled"),
      line(4, "M", "M/1", 1800, "pending"),
      line(5, "M", "M/2", 1800, "valid"),
    ]);
    // W's total is what is still due; M's is what was paid (its reservation is not).
    expect(plan.orders.get("W")).toMatchObject({ totalCents: 1800, status: "pending" });
    expect(plan.orders.get("M")).toMatchObject({ totalCents: 1800, status: "paid" });
  });

  it("totals a mixed order with its valid tickets only, a pending one with what is due, the others with nothing", () => {
    const plan = planBatch([
      line(2, "MIX", "MIX/1", 3200), // Plein tarif
      line(3, "MIX", "MIX/2", 2450), // Tarif réduit
      line(4, "MIX", "MIX/3", 0), // invitation
      line(5, "MIX", "MIX/4", 3200, "cancelled"),
      line(6, "MIX", "MIX/5", 1800, "refunded"),
      line(7, "MIX", "MIX/6", 2450, "pending"),
      line(8, "MIX", "MIX/7", 3200), // sold, then cancelled on a later line
      line(9, "RES", "RES/1", 2000, "pending"),
      line(10, "RES", "RES/2", 2000, "pending"),
      line(11, "RES", "RES/3", 2000, "cancelled"),
      line(12, "REF", "REF/1", 3000, "refunded"),
      line(13, "REF", "REF/2", 3000, "cancelled"),
      line(14, "MIX", "MIX/7", 3200, "cancelled"),
    ]);
    // 32,00 € + 24,50 € + 0 € = 56,50 €; the cancelled, refunded and pending tickets are left out.
    expect(plan.orders.get("MIX")).toEqual({ first: 0, totalCents: 5650, status: "paid" });
    // Two reservations of 20,00 € still to pay; the cancelled one is not due.
    expect(plan.orders.get("RES")).toEqual({ first: 7, totalCents: 4000, status: "pending" });
    expect(plan.orders.get("REF")).toEqual({ first: 10, totalCents: 0, status: "refunded" });
  });

  it("counts a ticket for the order its last line names, and writes no order left without tickets", () => {
    const plan = planBatch([line(2, "OLD", "T1", 900), line(3, "NEW", "T1", 950)]);
    expect(plan.tickets).toEqual([1]);
    expect([...plan.orders.entries()]).toEqual([["NEW", { first: 1, totalCents: 950, status: "paid" }]]);
  });
});
