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
    expect(plan.orders.get("A")).toEqual({ first: 0, totalCents: 2700, status: "paid" });
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
    expect(plan.orders.get("C")).toMatchObject({ totalCents: 2000, status: "cancelled" });
    expect(plan.orders.get("R")).toMatchObject({ totalCents: 1600, status: "refunded" });
    expect(plan.orders.get("P")).toMatchObject({ first: 4, totalCents: 500, status: "paid" });
    expect([...plan.orders.keys()]).toEqual(["C", "R", "P"]);
  });

  it("keeps an order of unpaid reservations pending, and paid as soon as one ticket is", () => {
    const plan = planBatch([
      line(2, "W", "W/1", 1800, "pending"),
      line(3, "W", "W/2", 1800, "cancelled"),
      line(4, "M", "M/1", 1800, "pending"),
      line(5, "M", "M/2", 1800, "valid"),
    ]);
    expect(plan.orders.get("W")).toMatchObject({ totalCents: 3600, status: "pending" });
    expect(plan.orders.get("M")).toMatchObject({ totalCents: 3600, status: "paid" });
  });

  it("counts a ticket for the order its last line names, and writes no order left without tickets", () => {
    const plan = planBatch([line(2, "OLD", "T1", 900), line(3, "NEW", "T1", 950)]);
    expect(plan.tickets).toEqual([1]);
    expect([...plan.orders.entries()]).toEqual([["NEW", { first: 1, totalCents: 950, status: "paid" }]]);
  });
});
