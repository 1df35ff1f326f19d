// The database, not the code, keeps tenants apart. Through the application role, a tenant B
// transaction tries to read, insert, update and delete tenant A's rows in every tenant-owned
// table; each attempt must fail, and the owner's view proves A's rows are untouched.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, type Database, type Tx } from "./client";
import { withTenant } from "./tenant-scope";
import { createTwoTenants, type TenantRows } from "./testing/two-tenants";

const appUrl = process.env.DATABASE_URL!;
const ownerUrl = process.env.MIGRATION_DATABASE_URL!;
let db: Database;
let a: TenantRows;
let b: TenantRows;

beforeAll(async () => {
  db = createDatabase(appUrl);
  ({ a, b } = await createTwoTenants(db));
});
afterAll(async () => db.$disconnect());

interface ModelSpec {
  table: string;
  /** Rows of the victim visible to the attacker. */
  read(tx: Tx, v: TenantRows): Promise<unknown[]>;
  update(tx: Tx, v: TenantRows): Promise<{ count: number }>;
  remove(tx: Tx, v: TenantRows): Promise<{ count: number }>;
  /** A row claiming to belong to the victim, written by the attacker. */
  insert(tx: Tx, v: TenantRows, attacker: TenantRows): Promise<unknown>;
}

const when = new Date("2026-12-01T19:00:00Z");
const SPECS: ModelSpec[] = [
  {
    table: "membership",
    read: (tx, v) => tx.membership.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.membership.updateMany({ where: { tenantId: v.tenantId }, data: { role: "viewer" } }),
    remove: (tx, v) => tx.membership.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v, att) => tx.membership.create({ data: { tenantId: v.tenantId, userId: att.userId, role: "owner" } }),
  },
  {
    table: "tenant_data_key",
    read: (tx, v) => tx.tenantDataKey.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.tenantDataKey.updateMany({ where: { tenantId: v.tenantId }, data: { retiredAt: when } }),
    remove: (tx, v) => tx.tenantDataKey.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v) =>
      tx.tenantDataKey.create({ data: { tenantId: v.tenantId, wrappedKey: new Uint8Array(8), masterKeyId: "x" } }),
  },
  {
    table: "venue",
    read: (tx, v) => tx.venue.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.venue.updateMany({ where: { tenantId: v.tenantId }, data: { name: "pwned" } }),
    remove: (tx, v) => tx.venue.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v) => tx.venue.create({ data: { tenantId: v.tenantId, name: "intrus", capacity: 1 } }),
  },
  {
    table: "show",
    read: (tx, v) => tx.show.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.show.updateMany({ where: { tenantId: v.tenantId }, data: { title: "pwned" } }),
    remove: (tx, v) => tx.show.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v) => tx.show.create({ data: { tenantId: v.tenantId, title: "intrus" } }),
  },
  {
    table: "performance",
    read: (tx, v) => tx.performance.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.performance.updateMany({ where: { tenantId: v.tenantId }, data: { status: "cancelled" } }),
    remove: (tx, v) => tx.performance.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v) =>
      tx.performance.create({
        data: { tenantId: v.tenantId, showId: v.showId, venueId: v.venueId, startsAt: when, endsAt: when, capacity: 1 },
      }),
  },
  {
    table: "spectator",
    read: (tx, v) => tx.spectator.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.spectator.updateMany({ where: { tenantId: v.tenantId }, data: { postalCode: "00000" } }),
    remove: (tx, v) => tx.spectator.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v) => tx.spectator.create({ data: { tenantId: v.tenantId, postalCode: "75001" } }),
  },
  {
    table: "consent",
    read: (tx, v) => tx.consent.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.consent.updateMany({ where: { tenantId: v.tenantId }, data: { status: "withdrawn" } }),
    remove: (tx, v) => tx.consent.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v) =>
      tx.consent.create({
        data: { tenantId: v.tenantId, spectatorId: v.spectatorId, channel: "sms", status: "granted", source: "x", recordedAt: when },
      }),
  },
  {
    table: "ticket_order",
    read: (tx, v) => tx.order.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.order.updateMany({ where: { tenantId: v.tenantId }, data: { totalCents: 0 } }),
    remove: (tx, v) => tx.order.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v) =>
      tx.order.create({
        data: { tenantId: v.tenantId, reference: "O-intrus", orderedAt: when, salesChannel: "web", totalCents: 1 },
      }),
  },
  {
    table: "ticket",
    read: (tx, v) => tx.ticket.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.ticket.updateMany({ where: { tenantId: v.tenantId }, data: { priceCents: 0 } }),
    remove: (tx, v) => tx.ticket.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v) =>
      tx.ticket.create({
        data: {
          tenantId: v.tenantId, reference: "T-intrus", orderId: v.orderId, performanceId: v.performanceId,
          priceCategory: "x", priceCents: 1, salesChannel: "web", issuedAt: when,
        },
      }),
  },
  {
    table: "audit_entry",
    read: (tx, v) => tx.auditEntry.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.auditEntry.updateMany({ where: { tenantId: v.tenantId }, data: { action: "forged" } }),
    remove: (tx, v) => tx.auditEntry.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v) =>
      tx.auditEntry.create({
        data: {
          tenantId: v.tenantId, seq: 999n, actorKind: "staff", action: "forged",
          prevHash: new Uint8Array(32), hash: new Uint8Array(32),
        },
      }),
  },
  {
    table: "import_job",
    read: (tx, v) => tx.importJob.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.importJob.updateMany({ where: { tenantId: v.tenantId }, data: { status: "cancelled" } }),
    remove: (tx, v) => tx.importJob.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v) =>
      tx.importJob.create({
        data: { tenantId: v.tenantId, kind: "tickets", source: "ui", fileName: "x.csv", fileSize: 1n, fileSha256: "x" },
      }),
  },
  {
    table: "import_rejected_row",
    read: (tx, v) => tx.importRejectedRow.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.importRejectedRow.updateMany({ where: { tenantId: v.tenantId }, data: { reasons: [] } }),
    remove: (tx, v) => tx.importRejectedRow.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v) =>
      tx.importRejectedRow.create({ data: { tenantId: v.tenantId, importId: v.importId, line: 99, reasons: [], rawSealed: new Uint8Array(1) } }),
  },
  {
    table: "import_mapping_preset",
    read: (tx, v) => tx.importMappingPreset.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.importMappingPreset.updateMany({ where: { tenantId: v.tenantId }, data: { mapping: { x: 1 } } }),
    remove: (tx, v) => tx.importMappingPreset.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v) =>
      tx.importMappingPreset.create({ data: { tenantId: v.tenantId, name: "intrus", kind: "tickets", headerSignature: "s", mapping: {} } }),
  },
  {
    table: "api_key",
    read: (tx, v) => tx.apiKey.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.apiKey.updateMany({ where: { tenantId: v.tenantId }, data: { revokedAt: null, secretHash: "mine" } }),
    remove: (tx, v) => tx.apiKey.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v) => tx.apiKey.create({ data: { tenantId: v.tenantId, name: "intrus", prefix: "intrus", secretHash: "h", scopes: [] } }),
  },
  {
    table: "spectator_merge",
    read: (tx, v) => tx.spectatorMerge.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.spectatorMerge.updateMany({ where: { tenantId: v.tenantId }, data: { undoneAt: when } }),
    remove: (tx, v) => tx.spectatorMerge.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v) =>
      tx.spectatorMerge.create({ data: { tenantId: v.tenantId, survivorId: v.spectatorId, mergedId: v.spectatorId, rule: "manual", moved: {} } }),
  },
  {
    table: "rollup_daily_sales",
    read: (tx, v) => tx.rollupDailySales.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.rollupDailySales.updateMany({ where: { tenantId: v.tenantId }, data: { tickets: 0 } }),
    remove: (tx, v) => tx.rollupDailySales.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v) =>
      tx.rollupDailySales.create({
        data: {
          tenantId: v.tenantId, day: when, performanceId: v.performanceId, salesChannel: "phone", priceCategory: "x",
          tickets: 1, complimentary: 0, revenueCents: 1n, orders: 1, leadDaysSum: 0n,
        },
      }),
  },
  {
    table: "rollup_audience",
    read: (tx, v) => tx.rollupAudience.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.rollupAudience.updateMany({ where: { tenantId: v.tenantId }, data: { tickets: 0 } }),
    remove: (tx, v) => tx.rollupAudience.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v) =>
      tx.rollupAudience.create({
        data: { tenantId: v.tenantId, performanceId: v.performanceId, communeCode: "x", departement: "x", spectators: 1, tickets: 1, revenueCents: 1n, distanceKmSum: 0 },
      }),
  },
  {
    table: "rollup_performance_day",
    read: (tx, v) => tx.rollupPerformanceDay.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.rollupPerformanceDay.updateMany({ where: { tenantId: v.tenantId }, data: { tickets: 0 } }),
    remove: (tx, v) => tx.rollupPerformanceDay.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v) =>
      tx.rollupPerformanceDay.create({
        data: { tenantId: v.tenantId, performanceId: v.performanceId, day: new Date("2026-11-30"), tickets: 1, complimentary: 0, revenueCents: 1n, leadDaysSum: 0n },
      }),
  },
  {
    table: "rollup_performance",
    read: (tx, v) => tx.rollupPerformance.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.rollupPerformance.updateMany({ where: { tenantId: v.tenantId }, data: { tickets: 0 } }),
    remove: (tx, v) => tx.rollupPerformance.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v, att) =>
      tx.rollupPerformance.create({
        data: {
          tenantId: v.tenantId, performanceId: att.performanceId, tickets: 1, complimentary: 0, revenueCents: 1n, leadDaysSum: 0n,
          lastSaleDay: when,
        },
      }),
  },
  {
    table: "rollup_order",
    read: (tx, v) => tx.rollupOrder.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.rollupOrder.updateMany({ where: { tenantId: v.tenantId }, data: { isFirstOrder: false } }),
    remove: (tx, v) => tx.rollupOrder.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v, att) =>
      tx.rollupOrder.create({
        data: {
          tenantId: v.tenantId, performanceId: v.performanceId, orderId: att.orderId, salesChannel: "phone", spectatorId: null,
          day: when, season: 2026, isFirstOrder: false,
        },
      }),
  },
  {
    table: "rollup_season_buyers",
    read: (tx, v) => tx.rollupSeasonBuyers.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.rollupSeasonBuyers.updateMany({ where: { tenantId: v.tenantId }, data: { buyers: 0 } }),
    remove: (tx, v) => tx.rollupSeasonBuyers.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v) =>
      tx.rollupSeasonBuyers.create({
        data: { tenantId: v.tenantId, season: 2025, day: when, orders: 1, buyers: 1, newBuyers: 0, repeatBuyers: 0 },
      }),
  },
  {
    table: "rollup_audience_departement",
    read: (tx, v) => tx.rollupAudienceDepartement.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.rollupAudienceDepartement.updateMany({ where: { tenantId: v.tenantId }, data: { tickets: 0 } }),
    remove: (tx, v) => tx.rollupAudienceDepartement.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v) =>
      tx.rollupAudienceDepartement.create({
        data: { tenantId: v.tenantId, performanceId: v.performanceId, departement: "x", spectators: 1, tickets: 1, revenueCents: 1n, distanceKmSum: 0 },
      }),
  },
  {
    table: "dpo_processor_record",
    read: (tx, v) => tx.dpoProcessorRecord.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.dpoProcessorRecord.updateMany({ where: { tenantId: v.tenantId }, data: { version: 9 } }),
    remove: (tx, v) => tx.dpoProcessorRecord.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v) => tx.dpoProcessorRecord.create({ data: { tenantId: v.tenantId, content: {}, handEdited: [] } }),
  },
  {
    table: "dpo_processor_record_version",
    read: (tx, v) => tx.dpoProcessorRecordVersion.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.dpoProcessorRecordVersion.updateMany({ where: { tenantId: v.tenantId }, data: { note: "x" } }),
    remove: (tx, v) => tx.dpoProcessorRecordVersion.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v) => tx.dpoProcessorRecordVersion.create({ data: { tenantId: v.tenantId, version: 99, content: {}, changes: [] } }),
  },
  {
    table: "dpo_subprocessor_notice",
    read: (tx, v) => tx.dpoSubprocessorNotice.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.dpoSubprocessorNotice.updateMany({ where: { tenantId: v.tenantId }, data: { objectedAt: null } }),
    remove: (tx, v) => tx.dpoSubprocessorNotice.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v, att) => tx.dpoSubprocessorNotice.create({ data: { tenantId: v.tenantId, changeId: att.changeId } }),
  },
  {
    table: "tenant_subprocessor",
    read: (tx, v) => tx.tenantSubprocessor.findMany({ where: { tenantId: v.tenantId } }),
    update: (tx, v) => tx.tenantSubprocessor.updateMany({ where: { tenantId: v.tenantId }, data: { enabledAt: when } }),
    remove: (tx, v) => tx.tenantSubprocessor.deleteMany({ where: { tenantId: v.tenantId } }),
    insert: (tx, v, att) => tx.tenantSubprocessor.create({ data: { tenantId: v.tenantId, subprocessorId: att.subprocessorId } }),
  },
];

/** Tables that carry tenant_id, read from the catalog so a new table cannot be forgotten. */
async function tenantOwnedTables(): Promise<string[]> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  const { rows } = await client.query<{ table: string }>(`
    SELECT c.relname AS table FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
     WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r','p') AND a.attname = 'tenant_id'
     ORDER BY 1`);
  await client.end();
  return rows.map((r) => r.table);
}

async function ownerCount(table: string, tenantId: string): Promise<number> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  const { rows } = await client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${pg.escapeIdentifier(table)} WHERE tenant_id = $1`,
    [tenantId],
  );
  await client.end();
  return rows[0]!.n;
}

/** An attempt fails when it throws or touches nothing. */
async function attemptAffected(run: () => Promise<{ count: number }>): Promise<number> {
  try {
    return (await run()).count;
  } catch {
    return 0;
  }
}

describe("tenant isolation through the application role", () => {
  it("covers every tenant-owned table", async () => {
    expect(SPECS.map((s) => s.table).sort()).toEqual(await tenantOwnedTables());
  });

  for (const spec of SPECS) {
    describe(spec.table, () => {
      it("the owner tenant sees its own rows (control)", async () => {
        const own = await withTenant(db, a.tenantId, (tx) => spec.read(tx, a));
        expect(own.length).toBeGreaterThan(0);
      });

      it("another tenant cannot read them", async () => {
        expect(await withTenant(db, b.tenantId, (tx) => spec.read(tx, a))).toEqual([]);
      });

      it("another tenant cannot update or delete them", async () => {
        const before = await ownerCount(spec.table, a.tenantId);
        expect(await attemptAffected(() => withTenant(db, b.tenantId, (tx) => spec.update(tx, a)))).toBe(0);
        expect(await attemptAffected(() => withTenant(db, b.tenantId, (tx) => spec.remove(tx, a)))).toBe(0);
        expect(await ownerCount(spec.table, a.tenantId)).toBe(before);
      });

      it("another tenant cannot insert rows into it", async () => {
        const before = await ownerCount(spec.table, a.tenantId);
        await expect(withTenant(db, b.tenantId, (tx) => spec.insert(tx, a, b))).rejects.toThrow();
        expect(await ownerCount(spec.table, a.tenantId)).toBe(before);
      });

      it("nobody sees or writes anything without a tenant set", async () => {
        expect(await db.$transaction((tx) => spec.read(tx, a))).toEqual([]);
        await expect(db.$transaction((tx) => spec.insert(tx, a, b))).rejects.toThrow();
      });
    });
  }

  it("refuses to move a row to another tenant (WITH CHECK)", async () => {
    await expect(
      withTenant(db, b.tenantId, (tx) =>
        tx.venue.update({ where: { tenantId_id: { tenantId: b.tenantId, id: b.venueId } }, data: { tenantId: a.tenantId } }),
      ),
    ).rejects.toThrow();
  });
});
