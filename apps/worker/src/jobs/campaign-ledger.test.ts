// The ledger's view of open batches, against real PostgreSQL: chaining from a finished batch
// sees that batch and the later ones only, the sweep (from 0) also sees a retry due earlier; a
// launch leaves the planner statistics of the ledger it filled.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma, withTenant, type Database } from "@rappel/db";
import { systemClock } from "../clock";
import { captureLogger, openAppDatabase } from "../testing/fixtures";
import { createCampaignFixture } from "../testing/campaign-fixture";
import { launchCampaign } from "./campaign-launch";
import { analyzeLedger, openBatches } from "./campaign-ledger";

let db: Database;
beforeAll(() => {
  db = openAppDatabase();
});
afterAll(async () => {
  await db.$disconnect();
});

describe("open batches", () => {
  it("from a batch on, or from the start for the sweep (a retry due in a batch already done)", async () => {
    const f = await createCampaignFixture(db, { recipients: 8 });
    await launchCampaign({ tenantId: f.tenantId, campaignId: f.campaignId }, { db, clock: systemClock, logger: captureLogger().logger, signal: new AbortController().signal });
    const now = new Date();
    const ids = [...f.spectatorIds].sort();
    // Batches 0..3, two rows each; batch 0 is sent but for one row whose retry is due now,
    // batch 1 is fully sent.
    await withTenant(db, f.tenantId, async (tx) => {
      for (const [i, id] of ids.entries()) {
        const batch = Math.floor(i / 2);
        const status = batch === 1 || i === 0 ? "sent" : "pending";
        await tx.$executeRaw(Prisma.sql`UPDATE campaign_delivery SET batch = ${batch}, status = ${status}::delivery_status,
          next_attempt_at = ${i === 1 ? now : null} WHERE tenant_id = ${f.tenantId}::uuid AND campaign_id = ${f.campaignId}::uuid AND spectator_id = ${id}::uuid`);
      }
    });
    const open = (limit: number, from?: number) => withTenant(db, f.tenantId, (tx) => openBatches(tx, f.tenantId, f.campaignId, now, limit, from));
    expect(await open(2)).toEqual([0, 2]);
    expect(await open(2, 1)).toEqual([2, 3]);
    expect(await open(5, 3)).toEqual([3]);
  });
});

describe("ledger statistics", () => {
  const lastAnalyze = async () => {
    const [row] = await db.$queryRaw<[{ at: Date | null }]>`SELECT last_analyze AS at FROM pg_stat_user_tables WHERE relname = 'campaign_delivery'`;
    return row.at?.getTime() ?? 0;
  };

  it("are refreshed by a launch that snapshots an audience, for its own tenant only", async () => {
    const f = await createCampaignFixture(db, { recipients: 3 });
    const before = await lastAnalyze();
    await launchCampaign({ tenantId: f.tenantId, campaignId: f.campaignId }, { db, clock: systemClock, logger: captureLogger().logger, signal: new AbortController().signal });
    expect(await lastAnalyze()).toBeGreaterThan(before);
    const other = await createCampaignFixture(db, { recipients: 1 });
    await expect(withTenant(db, f.tenantId, (tx) => analyzeLedger(tx, other.tenantId))).rejects.toThrow(/is not the tenant of this transaction/);
  });
});
