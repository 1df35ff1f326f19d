import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@rappel/db";
import {
  captureLogger,
  createTenantWithAudit,
  openAppDatabase,
  openOwnerDatabase,
} from "../testing/fixtures";
import type { JobContext } from "../job-handler";
import { verifyAuditChains, verifyAuditChainsHandler } from "./verify-audit-chains";

let db: Database;
let owner: Database;
const fixedNow = new Date("2026-11-23T02:00:00.000Z");

function context(): JobContext & { lines: Record<string, unknown>[] } {
  const { logger, lines } = captureLogger();
  return {
    db,
    clock: { now: () => fixedNow },
    logger,
    signal: new AbortController().signal,
    lines,
  };
}

beforeAll(() => {
  db = openAppDatabase();
  owner = openOwnerDatabase();
});

afterAll(async () => {
  await Promise.all([db.$disconnect(), owner.$disconnect()]);
});

/** Rewrites one entry's content as the owner, behind the append-only trigger's back. */
async function tamper(tenantId: string, seq: number): Promise<void> {
  await owner.$transaction(async (tx) => {
    await tx.$executeRawUnsafe("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only");
    const changed = await tx.$executeRaw`
      UPDATE audit_entry SET details = '{"i": 999}'::jsonb WHERE tenant_id = ${tenantId}::uuid AND seq = ${seq}`;
    expect(changed).toBe(1);
    await tx.$executeRawUnsafe("ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_append_only");
  });
}

describe("verify-audit-chains", () => {
  it("is scheduled daily, under a stable scheduler id", () => {
    expect(verifyAuditChainsHandler.schedules).toEqual([
      {
        id: "verify-audit-chains-daily",
        repeat: { pattern: "0 3 * * *", tz: "Europe/Paris" },
        payload: {},
      },
    ]);
  });

  it("reports every active tenant's chain as intact, and records the platform access", async () => {
    const a = await createTenantWithAudit(db, 3);
    const b = await createTenantWithAudit(db, 5);
    const ctx = context();
    const result = await verifyAuditChains({}, ctx);

    expect(result.startedAt).toBe(fixedNow.toISOString());
    const mine = result.tenants.filter((t) => t.tenantId === a || t.tenantId === b);
    // tenant.created + the test entries + this run's own platform.access entry.
    expect(mine).toEqual(
      [
        { tenantId: a, ok: true, checked: 5, brokenAtSeq: null },
        { tenantId: b, ok: true, checked: 7, brokenAtSeq: null },
      ].sort((x, y) => (x.tenantId < y.tenantId ? -1 : 1)),
    );
    expect(ctx.lines.some((l) => l.msg === "audit chains verified" && l.level === "info")).toBe(
      true,
    );

    const access = await owner.auditEntry.findFirst({
      where: { tenantId: a },
      orderBy: { seq: "desc" },
    });
    expect(access).toMatchObject({ action: "platform.access", actorKind: "system" });
    expect(access?.details).toEqual({
      role: "system",
      reason: "scheduled audit chain verification",
    });
  });

  it("reports the tenant and seq where a tampered chain breaks, at error level", async () => {
    const intact = await createTenantWithAudit(db, 3);
    const tampered = await createTenantWithAudit(db, 4);
    await tamper(tampered, 3);

    const ctx = context();
    const result = await verifyAuditChains({}, ctx);
    const byTenant = new Map(result.tenants.map((t) => [t.tenantId, t]));
    expect(byTenant.get(tampered)).toEqual({
      tenantId: tampered,
      ok: false,
      checked: 2,
      brokenAtSeq: "3",
    });
    expect(byTenant.get(intact)?.ok).toBe(true);

    const errors = ctx.lines.filter((l) => l.level === "error");
    expect(errors).toContainEqual(
      expect.objectContaining({ msg: "audit chain broken", tenantId: tampered, brokenAtSeq: "3" }),
    );
    expect(errors.some((l) => l.tenantId === intact)).toBe(false);
  });

  it("verifies a single tenant when the payload names one, and skips tenants that are not active", async () => {
    const only = await createTenantWithAudit(db, 1);
    expect((await verifyAuditChains({ tenantId: only }, context())).tenants).toEqual([
      { tenantId: only, ok: true, checked: 3, brokenAtSeq: null },
    ]);

    const closing = await createTenantWithAudit(db, 1);
    await owner.tenant.update({ where: { id: closing }, data: { status: "offboarding" } });
    const ctx = context();
    expect((await verifyAuditChains({ tenantId: closing }, ctx)).tenants).toEqual([]);
    expect(ctx.lines).toContainEqual(
      expect.objectContaining({ level: "warn", msg: "no active tenant to verify" }),
    );
  });

  it("stops between tenants when the worker is shutting down", async () => {
    await createTenantWithAudit(db, 1);
    const abort = new AbortController();
    abort.abort(new Error("worker shutting down"));
    await expect(verifyAuditChains({}, { ...context(), signal: abort.signal })).rejects.toThrow(
      "worker shutting down",
    );
  });
});
