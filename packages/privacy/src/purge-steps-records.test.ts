// Every record category at its boundary, with the injected clock: not due the day before, due on
// the day (preview in approval mode, nothing touched), due the day after and purged in automatic
// mode, counted in the report; a legal hold exempts the person's records.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toBytes, withTenant, type Database } from "@rappel/db";
import { addMonthsToDay, parisDay, startOfParisDay } from "./calendar";
import { executePurgeRun, planPurges } from "./purge-engine";
import { findCategory } from "./retention-catalogue";
import { addSpectator, createTestTenant, openAppDatabase, type TestTenant } from "./testing/fixtures";

let db: Database;
beforeAll(() => {
  db = openAppDatabase();
});
afterAll(async () => db.$disconnect());

const system = { userId: null, role: "system" } as const;
// Noon in Paris on 10 March 2020: the start event of every seeded record.
const start = new Date("2020-03-10T11:00:00Z");
const bytes = () => toBytes(randomBytes(32));

interface Seeded {
  /** The spectator the record is about, when there is one (for the legal hold case). */
  spectatorId?: string;
  /** Is the record still there in its identifying form? */
  present(): Promise<boolean>;
}

async function surveyResponse(t: TestTenant, withText: boolean): Promise<Seeded & { invitationId: string }> {
  const { spectatorId } = await addSpectator(db, t, { email: `s-${randomBytes(3).toString("hex")}@example.test` }, { createdAt: new Date() });
  const invitationId = await withTenant(db, t.tenantId, async (tx) => {
    const survey = await tx.survey.create({ data: { tenantId: t.tenantId, name: "Après le spectacle" } });
    await tx.surveyVersion.create({ data: { tenantId: t.tenantId, surveyId: survey.id, version: 1, definition: {} } });
    const invitation = await tx.surveyInvitation.create({
      data: {
        tenantId: t.tenantId, surveyId: survey.id, spectatorId, performanceId: t.performanceId, performanceIds: [t.performanceId],
        tokenHash: bytes(), status: "completed", scheduledFor: start, completedAt: start,
      },
    });
    await tx.surveyResponse.create({
      data: {
        tenantId: t.tenantId, invitationId: invitation.id, surveyId: survey.id, version: 1, answers: { q1: 9 }, nps: 9,
        textsEnc: withText ? bytes() : null, completedAt: start, createdAt: start, updatedAt: start,
      },
    });
    return invitation.id;
  });
  return { spectatorId, invitationId, present: async () => true };
}

const SEEDS: Record<string, (t: TestTenant) => Promise<Seeded>> = {
  async consent_proofs(t) {
    const { spectatorId } = await addSpectator(db, t, { email: "retire@example.test" }, { createdAt: new Date() });
    await withTenant(db, t.tenantId, (tx) =>
      tx.consent.update({
        where: { tenantId_spectatorId_channel: { tenantId: t.tenantId, spectatorId, channel: "email" } },
        data: { status: "withdrawn", recordedAt: start },
      }),
    );
    return {
      spectatorId,
      present: () => withTenant(db, t.tenantId, async (tx) => (await tx.consent.count({ where: { tenantId: t.tenantId, spectatorId } })) === 1),
    };
  },
  async tickets_orders(t) {
    // A customer who still buys: their old order stays linked until its own period ends.
    const { spectatorId, orderId, ticketId } = await addSpectator(db, t, { email: "fidele@example.test" }, { orderedAt: start });
    await addSpectatorOrder(t, spectatorId);
    return {
      spectatorId,
      present: () =>
        withTenant(db, t.tenantId, async (tx) => {
          const order = await tx.order.findUniqueOrThrow({ where: { tenantId_id: { tenantId: t.tenantId, id: orderId! } } });
          const ticket = await tx.ticket.findUniqueOrThrow({ where: { tenantId_id: { tenantId: t.tenantId, id: ticketId! } } });
          expect(ticket).toMatchObject({ priceCents: 3200, performanceId: t.performanceId });
          return order.spectatorId !== null || ticket.holderId !== null;
        }),
    };
  },
  async free_text_answers(t) {
    const seeded = await surveyResponse(t, true);
    return {
      spectatorId: seeded.spectatorId!,
      present: () =>
        withTenant(db, t.tenantId, async (tx) => {
          const r = await tx.surveyResponse.findFirstOrThrow({ where: { tenantId: t.tenantId, invitationId: seeded.invitationId } });
          expect(r.nps).toBe(9);
          return r.textsEnc !== null;
        }),
    };
  },
  async survey_responses(t) {
    const seeded = await surveyResponse(t, false);
    return {
      spectatorId: seeded.spectatorId!,
      present: () =>
        withTenant(db, t.tenantId, async (tx) => {
          const i = await tx.surveyInvitation.findFirstOrThrow({ where: { tenantId: t.tenantId, id: seeded.invitationId }, include: { response: true } });
          expect(i.response?.answers).toEqual({ q1: 9 });
          return i.spectatorId === seeded.spectatorId;
        }),
    };
  },
  async campaign_events(t) {
    const { spectatorId } = await addSpectator(db, t, { email: "lecteur@example.test" }, { createdAt: new Date() });
    const campaignId = await withTenant(db, t.tenantId, async (tx) => {
      const campaign = await tx.campaign.create({ data: { tenantId: t.tenantId, name: "Saison", channel: "email", status: "sent", content: {} } });
      await tx.campaignDelivery.create({
        data: { tenantId: t.tenantId, campaignId: campaign.id, spectatorId, channel: "email", status: "sent", batch: 0, sentAt: start },
      });
      await tx.campaignEvent.create({ data: { tenantId: t.tenantId, campaignId: campaign.id, spectatorId, kind: "click", occurredAt: start } });
      return campaign.id;
    });
    return {
      spectatorId,
      present: () =>
        withTenant(db, t.tenantId, async (tx) => {
          const events = await tx.campaignEvent.count({ where: { tenantId: t.tenantId, campaignId } });
          const deliveries = await tx.campaignDelivery.count({ where: { tenantId: t.tenantId, campaignId } });
          expect(events).toBe(deliveries); // both go together
          return events > 0;
        }),
    };
  },
  async suppression_list(t) {
    const hash = bytes();
    await withTenant(db, t.tenantId, async (tx) => {
      await tx.suppressionEntry.create({ data: { tenantId: t.tenantId, hash, kind: "email", reason: "objection", createdAt: start } });
      await tx.suppression.create({ data: { tenantId: t.tenantId, channel: "email", bidx: hash, reason: "unsubscribe", createdAt: start } });
    });
    return {
      present: () =>
        withTenant(db, t.tenantId, async (tx) => {
          const entries = await tx.suppressionEntry.count({ where: { tenantId: t.tenantId } });
          expect(await tx.suppression.count({ where: { tenantId: t.tenantId } })).toBe(entries);
          return entries > 0;
        }),
    };
  },
  async staff_accounts(t) {
    const userId = await withTenant(db, t.tenantId, async (tx) => {
      const user = await tx.user.create({
        data: { email: `parti-${randomBytes(4).toString("hex")}@example.test`, name: "Ancien", passwordHash: "x", disabledAt: start },
      });
      await tx.membership.create({ data: { tenantId: t.tenantId, userId: user.id, role: "viewer" } });
      return user.id;
    });
    return {
      present: () => withTenant(db, t.tenantId, async (tx) => (await tx.membership.count({ where: { tenantId: t.tenantId, userId } })) === 1),
    };
  },
};

async function addSpectatorOrder(t: TestTenant, spectatorId: string): Promise<void> {
  await withTenant(db, t.tenantId, (tx) =>
    tx.order.create({
      data: { tenantId: t.tenantId, reference: `R-${randomBytes(4).toString("hex")}`, spectatorId, orderedAt: new Date(), salesChannel: "web", totalCents: 1000 },
    }),
  );
}

/** Noon (Paris) `offset` days from the day the category's total period ends for `start`. */
function around(category: string, offset: number): Date {
  const c = findCategory(category)!;
  const due = addMonthsToDay(parisDay(start), c.activeMonths + c.archiveMonths);
  return new Date(startOfParisDay({ ...due, day: due.day }).getTime() + offset * 86_400_000 + 12 * 3_600_000);
}

async function runsFor(t: TestTenant, category: string, now: Date) {
  return (await planPurges(db, t.tenantId, now, system)).filter((r) => r.category === category);
}

describe.each(Object.keys(SEEDS))("retention purge of %s", (category) => {
  it("is not due the day before", async () => {
    const t = await createTestTenant(db);
    const seeded = await SEEDS[category]!(t);
    expect(await runsFor(t, category, around(category, -1))).toEqual([]);
    expect(await seeded.present()).toBe(true);
  });

  it("is due on the day: a preview in approval mode, nothing purged yet", async () => {
    const t = await createTestTenant(db);
    const seeded = await SEEDS[category]!(t);
    const [run, ...others] = await runsFor(t, category, around(category, 0));
    expect(others).toEqual([]);
    expect(run).toMatchObject({ status: "awaiting_approval", preview: { held: 0 } });
    expect((run!.preview as { due: number }).due).toBeGreaterThan(0);
    expect(await seeded.present()).toBe(true);
  });

  it("is due the day after: automatic mode purges it and counts it in the report", async () => {
    const t = await createTestTenant(db);
    await withTenant(db, t.tenantId, (tx) => tx.privacySetting.create({ data: { tenantId: t.tenantId, purgeMode: "automatic" } }));
    const seeded = await SEEDS[category]!(t);
    const now = around(category, 1);
    const [run] = await runsFor(t, category, now);
    const done = await executePurgeRun(db, t.tenantId, run!.id, { now: () => now });
    const counts = done.counts as { records: number; tables: { table: string; rows: number }[] };
    expect(counts.records).toBe((run!.preview as { due: number }).due);
    expect(counts.tables.reduce((sum, c) => sum + c.rows, 0)).toBeGreaterThan(0);
    expect(await seeded.present()).toBe(false);
    expect(await runsFor(t, category, now)).toEqual([]); // nothing left to do
  });

  it("respects a legal hold on the person", async () => {
    const t = await createTestTenant(db);
    const seeded = await SEEDS[category]!(t);
    if (!seeded.spectatorId) return expect(category).toMatch(/suppression_list|staff_accounts/); // no person to hold
    await withTenant(db, t.tenantId, (tx) =>
      tx.legalHold.create({ data: { tenantId: t.tenantId, spectatorId: seeded.spectatorId!, reason: "Contentieux" } }),
    );
    const runs = await runsFor(t, category, around(category, 1));
    expect(runs.map((r) => r.preview)).toEqual([]); // nothing due: the only record is held
    expect(await seeded.present()).toBe(true);
  });
});
