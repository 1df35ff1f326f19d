// The tenant-scoped entry point under concurrency, the platform path, and the audit chain.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendAuditEntry, verifyAuditChain } from "./audit";
import { createDatabase, type Database } from "./client";
import { withPlatformAccess } from "./platform-access";
import { TenantScopeError, withTenant, withUser } from "./tenant-scope";
import { createTwoTenants, type TenantRows } from "./testing/two-tenants";

let db: Database;
let a: TenantRows;
let b: TenantRows;

beforeAll(async () => {
  db = createDatabase(process.env.DATABASE_URL!, { max: 4 });
  ({ a, b } = await createTwoTenants(db));
});
afterAll(async () => db.$disconnect());

describe("withTenant", () => {
  it("keeps each concurrent transaction in its own tenant, on a small shared pool", async () => {
    const runs = Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? a : b));
    const seen = await Promise.all(
      runs.map((t) =>
        withTenant(db, t.tenantId, async (tx) => {
          const venues = await tx.venue.findMany({ select: { tenantId: true } });
          await tx.$executeRaw`SELECT pg_sleep(0.005)`;
          const [{ current }] = await tx.$queryRaw<[{ current: string }]>`SELECT current_setting('app.tenant_id', true) AS current`;
          return { expected: t.tenantId, current, venueTenants: [...new Set(venues.map((v) => v.tenantId))] };
        }),
      ),
    );
    for (const s of seen) {
      expect(s.current).toBe(s.expected);
      expect(s.venueTenants).toEqual([s.expected]);
    }
  });

  it("does not leak the tenant to the pooled connection after the transaction", async () => {
    await withTenant(db, a.tenantId, (tx) => tx.venue.count());
    const leaks = await Promise.all(
      Array.from({ length: 8 }, () => db.$queryRaw<[{ v: string | null }]>`SELECT current_setting('app.tenant_id', true) AS v`),
    );
    for (const [row] of leaks) expect(row.v ?? "").toBe("");
    expect(await db.venue.count()).toBe(0);
  });

  it("rolls back everything when the work fails", async () => {
    await expect(
      withTenant(db, a.tenantId, async (tx) => {
        await tx.venue.create({ data: { tenantId: a.tenantId, name: "Éphémère", capacity: 10 } });
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await withTenant(db, a.tenantId, (tx) => tx.venue.count({ where: { name: "Éphémère" } }))).toBe(0);
  });

  it("refuses a tenant id that is not a UUID (never interpolated)", async () => {
    await expect(withTenant(db, "x' OR 1=1 --", (tx) => tx.venue.count())).rejects.toBeInstanceOf(TenantScopeError);
  });
});

describe("withUser", () => {
  it("shows a user their own memberships across tenants, and nobody else's", async () => {
    const mine = await withUser(db, a.userId, (tx) => tx.membership.findMany());
    expect(mine.map((m) => m.tenantId)).toEqual([a.tenantId]);
    const none = await db.$transaction((tx) => tx.membership.findMany());
    expect(none).toEqual([]);
  });
});

describe("platform access", () => {
  it("acts on the named tenant only, and records who, where and why in its audit chain", async () => {
    const venues = await withPlatformAccess(
      db,
      { userId: b.userId, role: "dpo" },
      { tenantId: a.tenantId, reason: "audit preparation" },
      (tx) => tx.venue.findMany(),
    );
    expect(venues.every((v) => v.tenantId === a.tenantId)).toBe(true);
    const last = await withTenant(db, a.tenantId, (tx) =>
      tx.auditEntry.findFirst({ where: { tenantId: a.tenantId }, orderBy: { seq: "desc" } }),
    );
    expect(last).toMatchObject({ action: "platform.access", actorUserId: b.userId, actorKind: "platform" });
    expect(last!.details).toEqual({ role: "dpo", reason: "audit preparation" });
  });

  it("refuses access without a reason", async () => {
    await expect(
      withPlatformAccess(db, { userId: null, role: "system" }, { tenantId: a.tenantId, reason: " " }, (tx) => tx.venue.count()),
    ).rejects.toThrow(/reason/);
  });
});

describe("audit chain", () => {
  it("chains concurrent appends without forks and verifies", async () => {
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        withTenant(db, b.tenantId, (tx) => appendAuditEntry(tx, b.tenantId, { actorKind: "system", action: `test.${i}` })),
      ),
    );
    const verdict = await withTenant(db, b.tenantId, (tx) => verifyAuditChain(tx, b.tenantId));
    expect(verdict.ok).toBe(true);
    expect(verdict.checked).toBeGreaterThanOrEqual(11);
  });

  it("detects an entry altered behind the application's back", async () => {
    const owner = new pg.Client({ connectionString: process.env.MIGRATION_DATABASE_URL! });
    await owner.connect();
    try {
      await owner.query("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only");
      await owner.query(`UPDATE audit_entry SET details = '{"forged":true}' WHERE tenant_id = $1 AND seq = 2`, [b.tenantId]);
      await owner.query("ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_append_only");
    } finally {
      await owner.end();
    }
    const verdict = await withTenant(db, b.tenantId, (tx) => verifyAuditChain(tx, b.tenantId));
    expect(verdict).toMatchObject({ ok: false, brokenAtSeq: 2n });
  });

  it("refuses updates even from the owner while the append-only trigger is on", async () => {
    const owner = new pg.Client({ connectionString: process.env.MIGRATION_DATABASE_URL! });
    await owner.connect();
    await expect(owner.query(`UPDATE audit_entry SET action = 'x' WHERE tenant_id = $1`, [a.tenantId])).rejects.toThrow(/append-only/);
    await owner.end();
  });
});
