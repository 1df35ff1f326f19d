// The audit log's retention: only a prefix of the chain goes, the chain still verifies from the
// anchor the purge records in it, a deletion without its anchor is detected, and a legal hold
// stops the prefix. The tenant's own entries are written with the real clock (T0); the engine's
// clock is injected around T0 + 12 + 60 months.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendAuditEntry, verifyAuditChain, withTenant, type Database } from "@rappel/db";
import { addMonthsToDay, parisDay, startOfParisDay } from "./calendar";
import { executePurgeRun, planPurges } from "./purge-engine";
import { addSpectator, createTestTenant, openAppDatabase, type TestTenant } from "./testing/fixtures";

let db: Database;
beforeAll(() => {
  db = openAppDatabase();
});
afterAll(async () => db.$disconnect());

const system = { userId: null, role: "system" } as const;

async function entries(t: TestTenant) {
  return withTenant(db, t.tenantId, (tx) => tx.auditEntry.findMany({ where: { tenantId: t.tenantId }, orderBy: { seq: "asc" } }));
}

/** Noon (Paris) `offset` days from the day the entries of T0 reach the end of 12 + 60 months. */
async function around(t: TestTenant, offset: number): Promise<Date> {
  const first = (await entries(t))[0]!;
  const due = addMonthsToDay(parisDay(first.occurredAt), 72);
  return new Date(startOfParisDay(due).getTime() + offset * 86_400_000 + 12 * 3_600_000);
}

/** A tenant with a few entries at T0 and a head entry written later (recent at the injected time). */
async function tenantWithChain(): Promise<TestTenant> {
  const t = await createTestTenant(db);
  const late = await around(t, 30);
  await withTenant(db, t.tenantId, async (tx) => {
    await appendAuditEntry(tx, t.tenantId, { actorKind: "staff", action: "spectator.read" });
    await appendAuditEntry(tx, t.tenantId, { actorKind: "staff", action: "report.read" }, late);
  });
  return t;
}

const auditRun = async (t: TestTenant, now: Date) =>
  (await planPurges(db, t.tenantId, now, system)).find((r) => r.category === "audit_entries");

describe("audit log retention", () => {
  it("is not due the day before; on the day it is previewed and nothing is deleted", async () => {
    const t = await tenantWithChain();
    expect(await auditRun(t, await around(t, -1))).toBeUndefined();
    const before = (await entries(t)).length;
    const run = await auditRun(t, await around(t, 0));
    expect(run).toMatchObject({ status: "awaiting_approval", preview: { held: 0 } });
    expect((run!.preview as { due: number }).due).toBeGreaterThan(0);
    expect((await entries(t)).length).toBeGreaterThanOrEqual(before);
    expect((await entries(t))[0]!.seq).toBe(1n);
  });

  it("the day after, purges the old prefix; the chain verifies from the anchor recorded in it", async () => {
    const t = await tenantWithChain();
    await withTenant(db, t.tenantId, (tx) => tx.privacySetting.create({ data: { tenantId: t.tenantId, purgeMode: "automatic" } }));
    const now = await around(t, 1);
    const head = (await entries(t)).find((e) => e.action === "report.read")!;
    const run = await auditRun(t, now);
    const due = (run!.preview as { due: number }).due;
    const done = await executePurgeRun(db, t.tenantId, run!.id, { now: () => now });
    expect(done.counts).toMatchObject({ records: due, tables: [{ table: "audit_entry", action: "delete", rows: due }] });

    const left = await entries(t);
    // Everything written at T0 before the later entry is gone; that entry now opens the chain.
    expect(left[0]!.seq).toBe(head.seq);
    expect(due).toBe(Number(head.seq) - 1);
    const anchor = left.find((e) => e.action === "audit.entries.purged")!;
    expect(anchor.details).toMatchObject({ throughSeq: (head.seq - 1n).toString(), deleted: due });
    expect(anchor.occurredAt.toISOString()).toBe(now.toISOString());
    expect(Buffer.from(head.prevHash).toString("hex")).toBe((anchor.details as { throughHash: string }).throughHash);
    const verdict = await withTenant(db, t.tenantId, (tx) => verifyAuditChain(tx, t.tenantId));
    expect(verdict).toMatchObject({ ok: true, anchoredAfterSeq: head.seq - 1n, checked: left.length });
  });

  it("a prefix deleted without its anchor entry breaks verification", async () => {
    const t = await tenantWithChain();
    await withTenant(db, t.tenantId, (tx) => tx.$queryRawUnsafe(`SELECT purge_audit_prefix($1::uuid, 1)`, t.tenantId));
    const verdict = await withTenant(db, t.tenantId, (tx) => verifyAuditChain(tx, t.tenantId));
    expect(verdict).toMatchObject({ ok: false, brokenAtSeq: 2n });
  });

  it("the application cannot delete entries itself, purge the head, or purge another tenant's log", async () => {
    const t = await tenantWithChain();
    const head = (await entries(t)).at(-1)!.seq;
    const count = (await entries(t)).length;
    await withTenant(db, t.tenantId, (tx) => tx.$executeRawUnsafe(`DELETE FROM audit_entry WHERE tenant_id = $1::uuid`, t.tenantId)).catch(
      () => undefined,
    );
    await expect(
      withTenant(db, t.tenantId, (tx) => tx.$queryRawUnsafe(`SELECT purge_audit_prefix($1::uuid, $2::bigint)`, t.tenantId, head)),
    ).rejects.toThrow(/head of the chain/);
    const other = await createTestTenant(db);
    await expect(
      withTenant(db, other.tenantId, (tx) => tx.$queryRawUnsafe(`SELECT purge_audit_prefix($1::uuid, 1)`, t.tenantId)),
    ).rejects.toThrow(/not the current tenant/);
    expect((await entries(t)).length).toBe(count);
  });

  it("stops the prefix at an entry about a person under a legal hold", async () => {
    const t = await createTestTenant(db);
    const { spectatorId } = await addSpectator(db, t, { email: "held@example.test" }, { createdAt: new Date() });
    await withTenant(db, t.tenantId, (tx) => tx.legalHold.create({ data: { tenantId: t.tenantId, spectatorId, reason: "Contentieux" } }));
    const held = await tenantChainOn(t, spectatorId);
    const run = await auditRun(t, await around(t, 1));
    expect(run!.preview).toMatchObject({ due: Number(held) - 1, held: 1 });
  });
});

/** Appends the chain of tenantWithChain to an existing tenant; returns the held entry's seq. */
async function tenantChainOn(t: TestTenant, spectatorId: string): Promise<bigint> {
  const late = await around(t, 30);
  return withTenant(db, t.tenantId, async (tx) => {
    const held = await appendAuditEntry(tx, t.tenantId, { actorKind: "staff", action: "spectator.read", targetType: "spectator", targetId: spectatorId });
    await appendAuditEntry(tx, t.tenantId, { actorKind: "staff", action: "spectator.read" });
    await appendAuditEntry(tx, t.tenantId, { actorKind: "staff", action: "report.read" }, late);
    return held;
  });
}
