import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant, type Database } from "@rappel/db";
import { decidePurgeRun, executePurgeRun, planPurges } from "./purge-engine";
import { addSpectator, createTestTenant, openAppDatabase, type TestTenant } from "./testing/fixtures";

let db: Database;
beforeAll(() => {
  db = openAppDatabase();
});
afterAll(async () => db.$disconnect());

const system = { userId: null, role: "system" } as const;
// Paris noon on 15 June 2023: with a 36-month rule, due from 15 June 2026 (Paris day).
const lastPurchase = new Date("2023-06-15T10:00:00Z");
const at = (iso: string) => new Date(iso);

async function dpoUser(): Promise<string> {
  const user = await db.user.create({
    data: { email: `dpo-${Math.random().toString(36).slice(2)}@example.test`, name: "DPO", passwordHash: "x", platformRole: "dpo" },
  });
  return user.id;
}

async function spectatorExists(t: TestTenant, id: string): Promise<boolean> {
  return withTenant(db, t.tenantId, async (tx) => (await tx.spectator.count({ where: { tenantId: t.tenantId, id } })) === 1);
}

describe("retention purge at the boundary (injected clock)", () => {
  it("is not due the day before", async () => {
    const t = await createTestTenant(db);
    await addSpectator(db, t, { email: "avant@example.test" }, { orderedAt: lastPurchase, createdAt: lastPurchase });
    const runs = await planPurges(db, t.tenantId, at("2026-06-14T20:00:00Z"), system);
    expect(runs.filter((r) => r.category === "customer")).toEqual([]);
  });

  it("is due on the day: preview, DPO approval, then anonymised tickets keep date, price and performance", async () => {
    const t = await createTestTenant(db);
    const due = await addSpectator(db, t, { email: "jour@example.test", lastName: "Jour" }, { orderedAt: lastPurchase, createdAt: lastPurchase });
    const recent = await addSpectator(db, t, { email: "recent@example.test" }, { orderedAt: at("2025-01-01T10:00:00Z") });
    const now = at("2026-06-15T06:00:00Z");
    const [run, ...others] = await planPurges(db, t.tenantId, now, system);
    expect(others.filter((r) => r.category === "customer")).toEqual([]);
    expect(run).toMatchObject({ category: "customer", status: "awaiting_approval", mode: "approval" });
    expect(run!.preview).toMatchObject({ due: 1, held: 0, samples: [{ key: due.spectatorId, startEvent: lastPurchase.toISOString() }] });

    // Not approved yet: executing does nothing.
    expect((await executePurgeRun(db, t.tenantId, run!.id, { now: () => now })).status).toBe("awaiting_approval");
    expect(await spectatorExists(t, due.spectatorId)).toBe(true);

    const dpo = await dpoUser();
    const approved = await decidePurgeRun(db, { userId: dpo, role: "dpo" }, t.tenantId, run!.id, "approve", now);
    expect(approved).toMatchObject({ status: "approved", approvedById: dpo });
    await expect(decidePurgeRun(db, { userId: dpo, role: "dpo" }, t.tenantId, run!.id, "approve", now)).rejects.toThrow(/no longer awaiting/);

    const done = await executePurgeRun(db, t.tenantId, run!.id, { now: () => at("2026-06-15T06:00:05Z") });
    expect(done.status).toBe("completed");
    expect(done.startedAt?.toISOString()).toBe("2026-06-15T06:00:05.000Z");
    expect(done.finishedAt?.toISOString()).toBe("2026-06-15T06:00:05.000Z");
    const tables = (done.counts as { records: number; tables: { table: string; rows: number }[] }).tables;
    expect(Object.fromEntries(tables.map((c) => [c.table, c.rows]))).toMatchObject({
      spectator: 1, ticket: 1, ticket_order: 1, consent: 1,
    });

    expect(await spectatorExists(t, due.spectatorId)).toBe(false);
    expect(await spectatorExists(t, recent.spectatorId)).toBe(true);
    const ticket = await withTenant(db, t.tenantId, (tx) => tx.ticket.findFirstOrThrow({ where: { tenantId: t.tenantId, id: due.ticketId! } }));
    expect(ticket).toMatchObject({ holderId: null, priceCents: 3200, performanceId: t.performanceId, issuedAt: lastPurchase });

    // Running it again is a no-op.
    expect((await executePurgeRun(db, t.tenantId, run!.id, { now: () => now })).status).toBe("completed");
    const audit = await withTenant(db, t.tenantId, (tx) =>
      tx.auditEntry.findMany({ where: { tenantId: t.tenantId, action: { startsWith: "privacy.purge" } }, orderBy: { seq: "asc" } }),
    );
    expect(audit.map((a) => a.action)).toEqual(["privacy.purge.approved", "privacy.purge.completed"]);
  });

  it("is due the day after, and automatic mode runs without approval", async () => {
    const t = await createTestTenant(db);
    await withTenant(db, t.tenantId, (tx) => tx.privacySetting.create({ data: { tenantId: t.tenantId, purgeMode: "automatic" } }));
    const due = await addSpectator(db, t, { email: "apres@example.test" }, { orderedAt: lastPurchase });
    const [run] = await planPurges(db, t.tenantId, at("2026-06-16T12:00:00Z"), system);
    expect(run).toMatchObject({ category: "customer", status: "approved", mode: "automatic", approvedById: null });
    await executePurgeRun(db, t.tenantId, run!.id, { now: () => at("2026-06-16T12:00:01Z") });
    expect(await spectatorExists(t, due.spectatorId)).toBe(false);
  });

  it("honours a tenant's shorter period and purges prospects from their creation", async () => {
    const t = await createTestTenant(db);
    await withTenant(db, t.tenantId, (tx) =>
      tx.retentionOverride.create({ data: { tenantId: t.tenantId, category: "prospect", activeMonths: 12, archiveMonths: 0 } }),
    );
    const prospect = await addSpectator(db, t, { email: "prospect@example.test" }, { createdAt: at("2025-06-15T10:00:00Z") });
    const runs = await planPurges(db, t.tenantId, at("2026-06-15T10:00:00Z"), system);
    const run = runs.find((r) => r.category === "prospect");
    expect(run?.preview).toMatchObject({ due: 1, samples: [{ key: prospect.spectatorId }] });
    expect(run?.rule).toMatchObject({ activeMonths: 12, overridden: true });
  });
});

describe("legal holds", () => {
  it("exempt the named person, in the preview and at execution (a hold placed after the preview too)", async () => {
    const t = await createTestTenant(db);
    const held = await addSpectator(db, t, { email: "held@example.test" }, { orderedAt: lastPurchase });
    const late = await addSpectator(db, t, { email: "late@example.test" }, { orderedAt: lastPurchase });
    const free = await addSpectator(db, t, { email: "free@example.test" }, { orderedAt: lastPurchase });
    await withTenant(db, t.tenantId, (tx) =>
      tx.legalHold.create({ data: { tenantId: t.tenantId, spectatorId: held.spectatorId, reason: "Contentieux prud'hommes" } }),
    );
    const now = at("2026-07-01T10:00:00Z");
    const [run] = await planPurges(db, t.tenantId, now, system);
    expect(run!.preview).toMatchObject({ due: 2, held: 1 });
    await withTenant(db, t.tenantId, (tx) =>
      tx.legalHold.create({ data: { tenantId: t.tenantId, spectatorId: late.spectatorId, reason: "Réquisition judiciaire" } }),
    );
    await decidePurgeRun(db, { userId: await dpoUser(), role: "dpo" }, t.tenantId, run!.id, "approve", now);
    const done = await executePurgeRun(db, t.tenantId, run!.id, { now: () => now });
    expect(done.counts).toMatchObject({ records: 1 });
    expect(await spectatorExists(t, held.spectatorId)).toBe(true);
    expect(await spectatorExists(t, late.spectatorId)).toBe(true);
    expect(await spectatorExists(t, free.spectatorId)).toBe(false);
  });
});

describe("batched purge and concurrent reads", () => {
  it("never makes a concurrent read of the same tables wait more than 100 ms", async () => {
    const t = await createTestTenant(db);
    const n = 2000;
    await withTenant(
      db,
      t.tenantId,
      async (tx) => {
        await tx.$executeRawUnsafe(
          `INSERT INTO spectator (tenant_id, postal_code) SELECT $1::uuid, '69001' FROM generate_series(1, $2::int)`,
          t.tenantId,
          n,
        );
        await tx.$executeRawUnsafe(
          `INSERT INTO ticket_order (tenant_id, reference, spectator_id, ordered_at, sales_channel, total_cents)
             SELECT tenant_id, 'O-' || id, id, $2, 'web', 2000 FROM spectator WHERE tenant_id = $1::uuid`,
          t.tenantId,
          lastPurchase,
        );
        await tx.$executeRawUnsafe(
          `INSERT INTO ticket (tenant_id, reference, order_id, performance_id, holder_id, price_category, price_cents, sales_channel, issued_at)
             SELECT o.tenant_id, 'T-' || o.id || '-' || g, o.id, $2::uuid, o.spectator_id, 'Plein', 2000, 'web', o.ordered_at
               FROM ticket_order o CROSS JOIN generate_series(1, 3) g WHERE o.tenant_id = $1::uuid`,
          t.tenantId,
          t.performanceId,
        );
      },
      { timeoutMs: 60_000 },
    );
    const now = at("2026-07-01T10:00:00Z");
    await withTenant(db, t.tenantId, (tx) => tx.privacySetting.create({ data: { tenantId: t.tenantId, purgeMode: "automatic" } }));
    const [run] = await planPurges(db, t.tenantId, now, system);
    expect(run!.preview).toMatchObject({ due: n });

    // The reader gives up on any lock it would wait for more than 100 ms (lock_timeout): a read
    // blocked by the purge fails the test; its latencies are also kept (CPU load adds to them).
    const reader = openAppDatabase();
    const readOnce = () =>
      withTenant(reader, t.tenantId, async (tx) => {
        await tx.$executeRawUnsafe(`SET LOCAL lock_timeout = '100ms'`);
        return tx.$queryRawUnsafe(
          `SELECT count(*)::int AS n, sum(price_cents)::bigint AS s FROM ticket WHERE tenant_id = $1::uuid AND performance_id = $2::uuid`,
          t.tenantId,
          t.performanceId,
        );
      });
    for (let i = 0; i < 3; i += 1) await readOnce(); // warm the connection and the plan
    let stop = false;
    const waits: number[] = [];
    const failures: unknown[] = [];
    const read = (async () => {
      while (!stop) {
        const started = performance.now();
        try {
          await readOnce();
        } catch (error) {
          failures.push(error);
        }
        waits.push(performance.now() - started);
      }
    })();
    const done = await executePurgeRun(db, t.tenantId, run!.id, { now: () => now, batchSize: 250 });
    stop = true;
    await read;
    await reader.$disconnect();

    expect(failures).toEqual([]);
    expect(waits.length).toBeGreaterThan(5);
    const sorted = [...waits].sort((x, y) => x - y);
    expect(sorted[Math.floor(sorted.length / 2)]!).toBeLessThan(100);
    expect(done.counts).toMatchObject({ records: n });
    expect(waits.length).toBeGreaterThan(5);
    const left = await withTenant(db, t.tenantId, (tx) => tx.ticket.count({ where: { tenantId: t.tenantId, holderId: { not: null } } }));
    expect(left).toBe(0);
    expect(await withTenant(db, t.tenantId, (tx) => tx.ticket.count({ where: { tenantId: t.tenantId } }))).toBe(n * 3);
  });
});
