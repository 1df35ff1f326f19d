import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant, type Database } from "@rappel/db";
import { captureLogger, openAppDatabase } from "../testing/fixtures";
import type { JobContext } from "../job-handler";
import { planTenantPurges, privacyPurgePlanHandler, privacyPurgeRunHandler } from "./privacy-purge";
import { addSpectator, createTestTenant } from "@rappel/privacy/testing";

let db: Database;
beforeAll(() => {
  db = openAppDatabase();
});
afterAll(async () => db.$disconnect());

function context(now: Date): JobContext {
  return { db, clock: { now: () => now }, logger: captureLogger().logger, signal: new AbortController().signal };
}

describe("privacy purge jobs", () => {
  it("are scheduled daily and run on the privacy queue", () => {
    expect(privacyPurgePlanHandler.schedules).toEqual([
      { id: "privacy-purge-plan-daily", repeat: { pattern: "30 2 * * *", tz: "Europe/Paris" }, payload: {} },
    ]);
  });

  it("leave a preview in approval mode, purge in automatic mode, then run an approved preview", async () => {
    const approval = await createTestTenant(db);
    const automatic = await createTestTenant(db);
    await withTenant(db, automatic.tenantId, (tx) =>
      tx.privacySetting.create({ data: { tenantId: automatic.tenantId, purgeMode: "automatic" } }),
    );
    const old = new Date("2022-01-10T10:00:00Z");
    const a = await addSpectator(db, approval, { email: "a@example.test" }, { orderedAt: old });
    const b = await addSpectator(db, automatic, { email: "b@example.test" }, { orderedAt: old });
    const now = new Date("2026-01-20T02:30:00Z");

    const first = await planTenantPurges({ tenantId: approval.tenantId }, context(now));
    expect(first.tenants).toEqual([{ tenantId: approval.tenantId, previews: 1, executed: 0 }]);
    const second = await planTenantPurges({ tenantId: automatic.tenantId }, context(now));
    expect(second.tenants).toEqual([{ tenantId: automatic.tenantId, previews: 0, executed: 1 }]);
    expect(await withTenant(db, automatic.tenantId, (tx) => tx.spectator.count({ where: { id: b.spectatorId } }))).toBe(0);

    // The DPO's approval (tested in @rappel/privacy), done directly here.
    const run = await withTenant(db, approval.tenantId, async (tx) => {
      const preview = await tx.purgeRun.findFirstOrThrow({ where: { tenantId: approval.tenantId, status: "awaiting_approval" } });
      return tx.purgeRun.update({ where: { tenantId_id: { tenantId: approval.tenantId, id: preview.id } }, data: { status: "approved" } });
    });
    const result = await privacyPurgeRunHandler.handle({ tenantId: approval.tenantId, runId: run.id }, context(now));
    expect(result).toMatchObject({ status: "completed" });
    expect(await withTenant(db, approval.tenantId, (tx) => tx.spectator.count({ where: { id: a.spectatorId } }))).toBe(0);
  });
});
