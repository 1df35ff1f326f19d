// The preferences page's opt-out: "surveys" stops surveys only; "all" stops every message from the
// venue (surveys, e-mail, SMS and social-network audiences), cancels the person's scheduled
// invitations, and touches neither another person nor another tenant.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant, type Database } from "@rappel/db";
import type { TestDatabase } from "@rappel/db/testing";
import { recordOptOut } from "./invitation";
import { createPublicWorld, openPublicTestDatabase, type PublicWorld } from "./testing/public-world";

let testDb: TestDatabase;
let db: Database;

beforeAll(async () => {
  ({ testDb, db } = await openPublicTestDatabase());
});
afterAll(async () => {
  await db?.$disconnect();
  await testDb?.drop();
});

const CHANNELS = ["email", "sms", "survey", "social_ads"] as const;

/** The world's spectator with every channel granted, and a second scheduled invitation. */
async function grantedWorld(): Promise<PublicWorld & { spectatorId: string; scheduledId: string }> {
  const w = await createPublicWorld(db);
  return withTenant(db, w.tenantId, async (tx) => {
    const invitation = await tx.surveyInvitation.findUniqueOrThrow({ where: { tenantId_id: { tenantId: w.tenantId, id: w.invitationId } } });
    for (const channel of CHANNELS) {
      await tx.consent.create({ data: { tenantId: w.tenantId, spectatorId: invitation.spectatorId, channel, status: "granted", source: "import", recordedAt: new Date("2026-01-01") } });
    }
    // Tomorrow's performance, whose invitation waits to be sent.
    const startsAt = new Date(Date.now() + 86_400_000);
    const next = await tx.performance.create({
      data: { tenantId: w.tenantId, showId: w.showId, venueId: w.venueId, startsAt, endsAt: new Date(startsAt.getTime() + 7_200_000), capacity: 800 },
    });
    const scheduled = await tx.surveyInvitation.create({
      data: {
        tenantId: w.tenantId, surveyId: w.surveyId, spectatorId: invitation.spectatorId, performanceId: next.id, performanceIds: [next.id],
        tokenHash: Buffer.alloc(32, 7), shortHash: Buffer.alloc(32, 8), status: "scheduled", scheduledFor: new Date(startsAt.getTime() + 86_400_000),
      },
    });
    return { ...w, spectatorId: invitation.spectatorId, scheduledId: scheduled.id };
  });
}

async function stateOf(w: Awaited<ReturnType<typeof grantedWorld>>) {
  return withTenant(db, w.tenantId, async (tx) => {
    const consents = await tx.consent.findMany({ where: { tenantId: w.tenantId, spectatorId: w.spectatorId } });
    const lists = await tx.surveyExclusion.findMany({ where: { tenantId: w.tenantId, spectatorId: w.spectatorId } });
    const invitations = await tx.surveyInvitation.findMany({ where: { tenantId: w.tenantId, spectatorId: w.spectatorId } });
    return {
      consents: Object.fromEntries(consents.map((c) => [c.channel, c.status])),
      lists: lists.map((l) => l.list).sort(),
      invitation: invitations.find((i) => i.id === w.invitationId)!.status,
      scheduled: invitations.find((i) => i.id === w.scheduledId)!.status,
    };
  });
}

describe("recordOptOut", () => {
  it("'surveys' withdraws the survey consent only", async () => {
    const w = await grantedWorld();
    expect(await recordOptOut(db, w.code, "surveys", "preferences_page")).toBe(true);
    expect(await stateOf(w)).toEqual({
      consents: { email: "granted", sms: "granted", survey: "withdrawn", social_ads: "granted" },
      lists: ["opted_out"],
      invitation: "unsubscribed",
      scheduled: "cancelled",
    });
  });

  it("'all' withdraws every channel, social-network audiences included, and leaves other people alone", async () => {
    const w = await grantedWorld();
    const other = await grantedWorld();
    expect(await recordOptOut(db, w.token, "all", "preferences_page")).toBe(true);
    expect(await stateOf(w)).toEqual({
      consents: { email: "withdrawn", sms: "withdrawn", survey: "withdrawn", social_ads: "withdrawn" },
      lists: ["all_messages", "opted_out"],
      invitation: "unsubscribed",
      scheduled: "cancelled",
    });
    expect((await stateOf(other)).consents).toEqual({ email: "granted", sms: "granted", survey: "granted", social_ads: "granted" });
  });

  it("answers false for a link nobody issued", async () => {
    expect(await recordOptOut(db, "zzzzzzzzzzzz", "all", "preferences_page")).toBe(false);
  });
});
