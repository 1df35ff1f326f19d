// A tenant with a venue, a show, performances, spectators (identifiers sealed for real), tickets
// and an active survey with a dispatch rule, for the survey job tests and the benchmark.
import { randomBytes, randomUUID } from "node:crypto";
import { withTenant, type Database, type Tx } from "@rappel/db";
import { createTestTenant } from "@rappel/ignition-import/testing";
import { loadIdentityCodec, type MasterKey } from "@rappel/personal-data";
import { createCoreDefinition } from "@rappel/survey";

export interface SurveyWorld {
  tenantId: string;
  tenantSlug: string;
  venueId: string;
  showId: string;
  surveyId: string;
  ruleId: string;
}

export function testMasterKey(): MasterKey {
  return { id: process.env.MASTER_KEY_ID ?? "mk1", key: Buffer.from(process.env.MASTER_KEY!, "base64") };
}

export async function createSurveyWorld(
  db: Database,
  master: MasterKey,
  rule: Partial<{ delayMinutes: number; reminderAfterDays: number | null; fatigueDays: number; festivalWindowHours: number; excludeComplimentary: boolean; quietStartHour: number; quietEndHour: number }> = {},
): Promise<SurveyWorld> {
  const tenantId = await createTestTenant(db, master);
  return withTenant(db, tenantId, async (tx) => {
    const venue = await tx.venue.create({ data: { tenantId, name: "Grande salle", capacity: 20_000 } });
    const show = await tx.show.create({ data: { tenantId, title: "Le Misanthrope", genre: "theatre" } });
    const survey = await tx.survey.create({ data: { tenantId, name: "Après le spectacle", status: "active", minResponses: 1 } });
    await tx.surveyVersion.create({ data: { tenantId, surveyId: survey.id, version: 1, definition: createCoreDefinition() as object } });
    const created = await tx.surveyDispatchRule.create({
      data: { tenantId, surveyId: survey.id, delayMinutes: 180, fatigueDays: 30, reminderAfterDays: null, ...rule },
    });
    const { slug } = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { slug: true } });
    return { tenantId, tenantSlug: slug, venueId: venue.id, showId: show.id, surveyId: survey.id, ruleId: created.id };
  });
}

export async function addPerformance(db: Database, world: SurveyWorld, endsAt: Date): Promise<string> {
  return withTenant(db, world.tenantId, async (tx) => {
    const p = await tx.performance.create({
      data: {
        tenantId: world.tenantId, showId: world.showId, venueId: world.venueId, capacity: 20_000,
        startsAt: new Date(endsAt.getTime() - 2 * 3_600_000), endsAt,
      },
    });
    return p.id;
  });
}

export interface NewSpectator {
  email: string | null;
  firstName?: string;
  language?: "fr" | "en";
  surveyConsent?: "granted" | "withdrawn";
  lists?: string[];
  /** Processing restricted by a data-subject request (the privacy console's table). */
  gdprRestricted?: boolean;
  /** Past the active retention period (archived by the privacy engine): out of normal use. */
  archived?: boolean;
}

/** Creates spectators, each with one paid order and one ticket per given performance. */
export async function addAttendees(
  db: Database,
  master: MasterKey,
  world: SurveyWorld,
  performanceIds: string[],
  people: NewSpectator[],
  options: { complimentary?: boolean } = {},
): Promise<string[]> {
  const { tenantId } = world;
  return withTenant(
    db,
    tenantId,
    async (tx: Tx) => {
      const codec = await loadIdentityCodec(tx, tenantId, master);
      const when = new Date("2026-10-01T10:00:00Z");
      const spectators = people.map((p) => ({
        tenantId, id: randomUUID(), language: p.language ?? "fr", archivedAt: p.archived ? when : null,
        ...codec.sealIdentity({ email: p.email, firstName: p.firstName ?? null }),
      }));
      const orders = spectators.map((s) => ({
        tenantId, id: randomUUID(), reference: `O-${randomBytes(6).toString("hex")}`, spectatorId: s.id, orderedAt: when,
        salesChannel: "web" as const, totalCents: 3000,
      }));
      const tickets = orders.flatMap((o) =>
        performanceIds.map((performanceId) => ({
          tenantId, reference: `T-${randomBytes(6).toString("hex")}`, orderId: o.id, performanceId, holderId: o.spectatorId,
          priceCategory: "Plein tarif", priceCents: 3000, salesChannel: "web" as const, issuedAt: when,
          isComplimentary: options.complimentary ?? false,
        })),
      );
      for (let i = 0; i < spectators.length; i += 2_000) {
        await tx.spectator.createMany({ data: spectators.slice(i, i + 2_000) });
        await tx.order.createMany({ data: orders.slice(i, i + 2_000) });
      }
      for (let i = 0; i < tickets.length; i += 2_000) await tx.ticket.createMany({ data: tickets.slice(i, i + 2_000) });
      const consents = people.flatMap((p, i) =>
        p.surveyConsent ? [{ tenantId, spectatorId: spectators[i]!.id, channel: "survey" as const, status: p.surveyConsent, source: "test", recordedAt: when }] : [],
      );
      if (consents.length) await tx.consent.createMany({ data: consents });
      const lists = people.flatMap((p, i) =>
        (p.lists ?? []).map((list) => ({ tenantId, spectatorId: spectators[i]!.id, list, source: "test", recordedAt: when })),
      );
      if (lists.length) await tx.surveyExclusion.createMany({ data: lists });
      const restricted = people.flatMap((p, i) => (p.gdprRestricted ? [{ tenantId, spectatorId: spectators[i]!.id }] : []));
      if (restricted.length) await tx.processingRestriction.createMany({ data: restricted });
      return spectators.map((s) => s.id);
    },
    { timeoutMs: 300_000 },
  );
}
