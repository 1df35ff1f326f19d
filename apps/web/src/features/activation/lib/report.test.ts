// The campaign report's engagement counts against real PostgreSQL (RLS): distinct people, a
// click counted as an open (the pixel is often blocked), machine opens apart, and another
// tenant's events never counted.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, withTenant, type Database } from "@rappel/db";
import { createTestDatabase, createTwoTenants, type TenantRows, type TestDatabase } from "@rappel/db/testing";
import { getCampaignReport } from "./report";

let testDb: TestDatabase;
let db: Database;
let a: TenantRows;
let b: TenantRows;

beforeAll(async () => {
  testDb = await createTestDatabase("rappel_web_test");
  db = createDatabase(testDb.appUrl, { max: 2 });
  ({ a, b } = await createTwoTenants(db));
});
afterAll(async () => {
  await db?.$disconnect();
  await testDb?.drop();
});

const scopeOf = (t: TenantRows) => ({ tenantId: t.tenantId, userId: t.userId });

describe("campaign report", () => {
  it("counts a clicker as an opener, each person once, machine opens apart", async () => {
    // The fixture's recipient has one human open; a second recipient only clicked (pixel blocked), twice.
    await withTenant(db, a.tenantId, async (tx) => {
      const other = await tx.spectator.create({ data: { tenantId: a.tenantId, postalCode: "69002" } });
      await tx.campaignDelivery.create({ data: { tenantId: a.tenantId, campaignId: a.campaignId, spectatorId: other.id, channel: "email", status: "sent", batch: 0 } });
      await tx.campaignEvent.createMany({
        data: [
          { tenantId: a.tenantId, campaignId: a.campaignId, spectatorId: other.id, kind: "click" },
          { tenantId: a.tenantId, campaignId: a.campaignId, spectatorId: other.id, kind: "click" },
          { tenantId: a.tenantId, campaignId: a.campaignId, spectatorId: other.id, kind: "machine_open" },
        ],
      });
    });
    const report = await getCampaignReport(db, scopeOf(a), a.campaignId, 7);
    expect(report).toMatchObject({ sent: 2, opened: 2, clicked: 1, machineOpened: 1 });
    // The timeline counts events, not people: one open and two clicks.
    expect(report.timeline.reduce((n, h) => n + h.opens, 0)).toBe(1);
    expect(report.timeline.reduce((n, h) => n + h.clicks, 0)).toBe(2);

    // Tenant b's own campaign is untouched by a's events, and b cannot read a's campaign.
    expect(await getCampaignReport(db, scopeOf(b), b.campaignId, 7)).toMatchObject({ sent: 1, opened: 1, clicked: 0 });
    expect(await getCampaignReport(db, scopeOf(b), a.campaignId, 7)).toMatchObject({ sent: 0, opened: 0, clicked: 0 });
  });

  it("attributes only paid orders' money: not a reservation's amount due, not a cancelled order", async () => {
    const sentAt = new Date("2026-10-01T08:00:00Z");
    const day = (n: number) => new Date(sentAt.getTime() + n * 86_400_000);
    await withTenant(db, a.tenantId, async (tx) => {
      const buyer = await tx.spectator.create({ data: { tenantId: a.tenantId, postalCode: "69003" } });
      await tx.campaignDelivery.create({
        data: { tenantId: a.tenantId, campaignId: a.campaignId, spectatorId: buyer.id, channel: "email", status: "sent", batch: 0, sentAt },
      });
      const order = async (reference: string, orderedAt: Date, status: "paid" | "pending" | "cancelled", ticketStatus: "valid" | "pending" | "cancelled", priceCents: number) => {
        // Totals as an import writes them: paid → valid tickets, pending → what is due, else 0.
        const o = await tx.order.create({
          data: { tenantId: a.tenantId, reference, spectatorId: buyer.id, orderedAt, salesChannel: "web", status, totalCents: status === "cancelled" ? 0 : priceCents },
        });
        await tx.ticket.create({
          data: {
            tenantId: a.tenantId, reference: `T-${reference}`, orderId: o.id, performanceId: a.performanceId, holderId: buyer.id,
            priceCategory: "Plein tarif", priceCents, salesChannel: "web", status: ticketStatus, issuedAt: orderedAt,
          },
        });
      };
      await order("ATT-PAID", day(2), "paid", "valid", 4500);
      await order("ATT-RESERVED", day(3), "pending", "pending", 3000);
      await order("ATT-CANCELLED", day(4), "cancelled", "cancelled", 2000);
      await order("ATT-LATE", day(9), "paid", "valid", 5000); // after the 7-day window
    });
    const report = await getCampaignReport(db, scopeOf(a), a.campaignId, 7);
    expect(report.attribution).toMatchObject({ buyers: 1, orders: 1, revenueCents: 4500 });
  });
});
