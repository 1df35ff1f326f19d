// The A/B subject test against real PostgreSQL and a real SMTP peer: the split is deterministic
// (recomputed here independently from its definition) and leaves the hold-out alone, only the
// sample is sent before the decision, the winner follows the chosen metric (ties → A), and the
// decision is exactly-once: duplicates (sequential or concurrent) change nothing, and a crash
// between the decision and the sends neither skips nor doubles anyone. A decision time moved by
// the marketer is the one honoured.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sampleSize, variantAtRank, type TAbTestConfig } from "@rappel/campaigns";
import { countAbResults } from "@rappel/campaigns/ab-results";
import { withTenant, type Database } from "@rappel/db";
import { startSmtpPeer, type SmtpPeer } from "@rappel/mail/testing";
import type { Clock } from "../clock";
import type { JobContext } from "../job-handler";
import { captureLogger, openAppDatabase } from "../testing/fixtures";
import { createCampaignFixture, engineTestConfig, type CampaignFixture } from "../testing/campaign-fixture";
import { closeSenders, type EngineConfig } from "./campaign-engine";
import { runCampaignBatch } from "./campaign-batch";
import { countDeliveries } from "./campaign-ledger";
import { launchCampaign } from "./campaign-launch";
import { decideAbTest } from "./campaign-ab-decide";

let db: Database;
let peer: SmtpPeer;
let config: EngineConfig;

beforeAll(async () => {
  db = openAppDatabase();
  peer = await startSmtpPeer();
  config = engineTestConfig(peer.url, 4);
});
afterAll(async () => {
  await closeSenders();
  await peer.stop();
  await db.$disconnect();
});

const T0 = "2026-11-23T10:00:00Z";
const at = (iso: string, plusMinutes = 0): Clock => ({ now: () => new Date(Date.parse(iso) + plusMinutes * 60_000) });
const contextAt = (clock: Clock): JobContext => ({ db, clock, logger: captureLogger().logger, signal: new AbortController().signal });

async function abFixture(recipients: number, abTest: TAbTestConfig, holdoutPercent = 0): Promise<CampaignFixture> {
  const f = await createCampaignFixture(db, { recipients, holdoutPercent });
  await withTenant(db, f.tenantId, (tx) =>
    tx.campaign.update({ where: { tenantId_id: { tenantId: f.tenantId, id: f.campaignId } }, data: { abTest } }),
  );
  return f;
}
const ledger = (f: CampaignFixture) =>
  withTenant(db, f.tenantId, (tx) => tx.campaignDelivery.findMany({ where: { tenantId: f.tenantId, campaignId: f.campaignId } }));
const sendBatch = (f: CampaignFixture, clock: Clock) => runCampaignBatch({ tenantId: f.tenantId, campaignId: f.campaignId, batch: 0 }, contextAt(clock), config);
const messagesOf = (f: CampaignFixture) => peer.messages.filter((m) => m.headers.get("x-rappel-campaign") === f.campaignId);
const addEvents = (f: CampaignFixture, kind: "open" | "click", spectatorIds: string[]) =>
  withTenant(db, f.tenantId, (tx) => tx.campaignEvent.createMany({ data: spectatorIds.map((spectatorId) => ({ tenantId: f.tenantId, campaignId: f.campaignId, spectatorId, kind })) }));

describe("A/B subject test", () => {
  it("splits the audience deterministically, evenly, outside the hold-out, and sends only the sample first", async () => {
    const abTest: TAbTestConfig = { alternativeSubjects: ["Variante B", "Variante C"], samplePercent: 30, metric: "open", waitMinutes: 240 };
    const f = await abFixture(90, abTest, 10);
    await launchCampaign({ tenantId: f.tenantId, campaignId: f.campaignId }, contextAt(at(T0)));
    const rows = await ledger(f);
    const holdout = rows.filter((r) => r.status === "holdout");
    expect(holdout.length).toBeGreaterThan(0);
    expect(holdout.every((r) => r.variant === null)).toBe(true);
    // Recompute the split from its definition: order by md5(campaign:spectator), round-robin.
    const contacted = rows.filter((r) => r.status !== "holdout");
    const ordered = [...contacted].sort((a, b) => {
      const ha = createHash("md5").update(`${f.campaignId}:${a.spectatorId}`).digest("hex");
      const hb = createHash("md5").update(`${f.campaignId}:${b.spectatorId}`).digest("hex");
      return ha < hb ? -1 : ha > hb ? 1 : 0;
    });
    const sample = sampleSize(contacted.length, 30, 3);
    ordered.forEach((r, rank) => {
      const expected = variantAtRank(rank, sample, 3);
      expect(r.variant).toBe(expected);
      expect(r.status).toBe(expected ? "pending" : "awaiting_winner");
    });
    const perVariant = ["A", "B", "C"].map((v) => contacted.filter((r) => r.variant === v).length);
    expect(Math.max(...perVariant) - Math.min(...perVariant)).toBeLessThanOrEqual(1);
    const campaign = await withTenant(db, f.tenantId, (tx) => tx.campaign.findFirstOrThrow({ where: { tenantId: f.tenantId, id: f.campaignId } }));
    expect(campaign.abDecideAt?.toISOString()).toBe("2026-11-23T14:00:00.000Z");

    // Only the sample leaves, each with its variant's subject; the campaign waits for its winner.
    const sent = await sendBatch(f, at(T0, 1));
    expect(sent.sent).toBe(sample);
    const messages = messagesOf(f);
    expect(messages).toHaveLength(sample);
    const bySpectator = new Map(rows.map((r) => [r.spectatorId, r.variant]));
    for (const m of messages) {
      const variant = bySpectator.get(f.emails.get(m.envelope.to[0]!)!);
      if (variant === "A") expect(m.subject).toMatch(/la saison commence$/);
      else expect(m.subject).toBe(`Variante ${variant}`);
    }
    const after = await withTenant(db, f.tenantId, async (tx) => ({
      counts: await countDeliveries(tx, f.tenantId, f.campaignId),
      campaign: await tx.campaign.findFirstOrThrow({ where: { tenantId: f.tenantId, id: f.campaignId } }),
    }));
    expect(after.counts.awaiting_winner).toBe(contacted.length - sample);
    expect(after.campaign.status).toBe("sending");

    // A second launch (duplicate job) splits nothing again.
    const again = await launchCampaign({ tenantId: f.tenantId, campaignId: f.campaignId }, contextAt(at(T0, 2)));
    expect(again.inserted).toBe(0);
    expect((await ledger(f)).map((r) => [r.spectatorId, r.variant, r.status === "holdout"]).sort()).toEqual(
      rows.map((r) => [r.spectatorId, r.variant, r.status === "holdout"]).sort(),
    );
  });

  it("decides on the chosen metric once due, exactly once, and a crash after the decision neither skips nor doubles anyone", async () => {
    const abTest: TAbTestConfig = { alternativeSubjects: ["Variante B"], samplePercent: 50, metric: "click", waitMinutes: 240 };
    const f = await abFixture(40, abTest);
    await launchCampaign({ tenantId: f.tenantId, campaignId: f.campaignId }, contextAt(at(T0)));
    await sendBatch(f, at(T0, 1));
    const rows = await ledger(f);
    const ofVariant = (v: string) => rows.filter((r) => r.variant === v).map((r) => r.spectatorId);
    expect(ofVariant("A")).toHaveLength(10);
    // A gets more human opens, B more clicks: the metric is clicks, so B must win.
    await addEvents(f, "open", ofVariant("A").slice(0, 8));
    await addEvents(f, "click", ofVariant("A").slice(0, 1));
    await addEvents(f, "click", ofVariant("B").slice(0, 3));
    await addEvents(f, "machine_open" as "open", ofVariant("B")); // machine opens never count

    expect(await decideAbTest({ tenantId: f.tenantId, campaignId: f.campaignId }, contextAt(at(T0, 60)))).toEqual({ decided: "no", reason: "not due yet" });
    // The staff report reads the same counts (one function): the remainder waits for the winner.
    const counts = () => withTenant(db, f.tenantId, (tx) => countAbResults(tx, f.tenantId, f.campaignId, ["A", "B"]));
    expect((await counts()).remainder).toEqual({ total: 20, waiting: 20, sent: 0 });

    // Two decision jobs at once: the campaign row lock lets one decide, the other sees its winner.
    const due = contextAt(at(T0, 240));
    const [one, two] = await Promise.all([
      decideAbTest({ tenantId: f.tenantId, campaignId: f.campaignId }, due),
      decideAbTest({ tenantId: f.tenantId, campaignId: f.campaignId }, due),
    ]);
    expect([one.decided, two.decided].sort()).toEqual(["before", "now"]);
    const first = (one.decided === "now" ? one : two) as Extract<typeof one, { decided: "now" }>;
    expect(first.winner).toBe("B");
    expect(first.released).toBe(20);
    expect(first.results).toEqual([
      { variant: "A", sent: 10, humanOpens: 8, clicks: 1 },
      { variant: "B", sent: 10, humanOpens: 3, clicks: 3 }, // a clicker has opened, even with the pixel blocked
    ]);

    // "Crash": the decision committed but no batch was sent (no producer to chain them). Later
    // clicks would now favour A; a re-run decision job must not change the committed winner.
    await addEvents(f, "click", ofVariant("A").slice(1, 10));
    expect(await decideAbTest({ tenantId: f.tenantId, campaignId: f.campaignId }, contextAt(at(T0, 245)))).toEqual({ decided: "before", winner: "B" });

    const rest = await sendBatch(f, at(T0, 246));
    expect(rest.sent).toBe(20);
    expect((await sendBatch(f, at(T0, 247))).sent).toBe(0);
    // The report after the decision: the remainder sent, the later clicks on A counted (distinct people).
    expect(await counts()).toEqual({
      variants: [{ variant: "A", sent: 10, humanOpens: 10, clicks: 10 }, { variant: "B", sent: 10, humanOpens: 3, clicks: 3 }],
      remainder: { total: 20, waiting: 0, sent: 20 },
    });
    const messages = messagesOf(f);
    expect(messages).toHaveLength(40);
    expect(new Set(messages.map((m) => m.envelope.to[0])).size).toBe(40);
    const restIds = new Set(rows.filter((r) => r.variant === null).map((r) => r.spectatorId));
    const restMessages = messages.filter((m) => restIds.has(f.emails.get(m.envelope.to[0]!)!));
    expect(restMessages).toHaveLength(20);
    expect(restMessages.every((m) => m.subject === "Variante B")).toBe(true);

    const state = await withTenant(db, f.tenantId, async (tx) => ({
      campaign: await tx.campaign.findFirstOrThrow({ where: { tenantId: f.tenantId, id: f.campaignId } }),
      audits: await tx.auditEntry.findMany({ where: { tenantId: f.tenantId, action: "campaign.ab_winner" } }),
    }));
    expect(state.campaign).toMatchObject({ status: "sent", abWinner: "B" });
    expect(state.campaign.abDecidedAt?.toISOString()).toBe("2026-11-23T14:00:00.000Z");
    expect(state.audits).toHaveLength(1);
    expect(state.audits[0]!.details).toMatchObject({ winner: "B", metric: "click", released: 20 });
  });

  it("gives a tie to variant A, and leaves a paused campaign's remainder waiting", async () => {
    const abTest: TAbTestConfig = { alternativeSubjects: ["Variante B"], samplePercent: 20, metric: "open", waitMinutes: 60 };
    const f = await abFixture(20, abTest);
    await launchCampaign({ tenantId: f.tenantId, campaignId: f.campaignId }, contextAt(at(T0)));
    await sendBatch(f, at(T0, 1));
    await withTenant(db, f.tenantId, (tx) => tx.campaign.update({ where: { tenantId_id: { tenantId: f.tenantId, id: f.campaignId } }, data: { status: "paused" } }));
    expect(await decideAbTest({ tenantId: f.tenantId, campaignId: f.campaignId }, contextAt(at(T0, 61)))).toEqual({ decided: "no", reason: "campaign is paused" });
    expect((await ledger(f)).filter((r) => r.status === "awaiting_winner")).toHaveLength(16);
    await withTenant(db, f.tenantId, (tx) => tx.campaign.update({ where: { tenantId_id: { tenantId: f.tenantId, id: f.campaignId } }, data: { status: "sending" } }));
    const decision = await decideAbTest({ tenantId: f.tenantId, campaignId: f.campaignId }, contextAt(at(T0, 62)));
    expect(decision).toMatchObject({ decided: "now", winner: "A", released: 16 });
  });

  it("honours a moved decision time: the job due at the original time decides nothing once it was pushed back", async () => {
    const abTest: TAbTestConfig = { alternativeSubjects: ["Variante B"], samplePercent: 20, metric: "open", waitMinutes: 60 };
    const f = await abFixture(20, abTest);
    await launchCampaign({ tenantId: f.tenantId, campaignId: f.campaignId }, contextAt(at(T0)));
    await sendBatch(f, at(T0, 1));
    const moveTo = (minutes: number) => withTenant(db, f.tenantId, (tx) =>
      tx.campaign.update({ where: { tenantId_id: { tenantId: f.tenantId, id: f.campaignId } }, data: { abDecideAt: new Date(Date.parse(T0) + minutes * 60_000) } }));
    await moveTo(180);
    expect(await decideAbTest({ tenantId: f.tenantId, campaignId: f.campaignId }, contextAt(at(T0, 60)))).toEqual({ decided: "no", reason: "not due yet" });
    expect((await ledger(f)).filter((r) => r.status === "awaiting_winner")).toHaveLength(16);
    await moveTo(45); // brought forward again, before the original wait
    expect(await decideAbTest({ tenantId: f.tenantId, campaignId: f.campaignId }, contextAt(at(T0, 45)))).toMatchObject({ decided: "now", released: 16 });
  });
});
