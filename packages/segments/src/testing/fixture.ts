// A small tenant for segment tests: four spectators whose differences each rule type can see.
import { randomBytes } from "node:crypto";
import { provisionTenant, withTenant, type Database, type Tx } from "@rappel/db";

export function appDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set (the db package's globalSetup provides it)");
  return url;
}

export interface SegmentFixture {
  tenantId: string;
  lyonVenue: string;
  parisVenue: string;
  jazzShow: string;
  theatreShow: string;
  pastJazz: string; // performance in the past (Lyon)
  futureTheatre: string; // performance in the future (Paris)
  campaignId: string;
  /** Satisfaction: the main survey and a festival survey (see `answer` calls below). */
  mainSurvey: string;
  festivalSurvey: string;
  /** Spectators: ana (Lyon, loyal), bob (Paris, one order), cleo (Grenoble, none), dan (a cancelled order and an unpaid reservation only). */
  ana: string;
  bob: string;
  cleo: string;
  dan: string;
}

const at = (iso: string) => new Date(iso);

async function fill(tx: Tx, tenantId: string): Promise<SegmentFixture> {
  const lyon = await tx.venue.create({ data: { tenantId, name: "Salle Lyon", capacity: 500, latitude: 45.7578, longitude: 4.832, communeCode: "69123" } });
  const paris = await tx.venue.create({ data: { tenantId, name: "Salle Paris", capacity: 800, latitude: 48.8566, longitude: 2.3522, communeCode: "75056" } });
  const jazz = await tx.show.create({ data: { tenantId, title: "Nuit jazz", genre: "jazz" } });
  const theatre = await tx.show.create({ data: { tenantId, title: "Le Misanthrope", genre: "theatre" } });
  const perf = (showId: string, venueId: string, startsAt: Date) =>
    tx.performance.create({ data: { tenantId, showId, venueId, startsAt, endsAt: new Date(startsAt.getTime() + 7_200_000), capacity: 500 } });
  const pastJazz = await perf(jazz.id, lyon.id, at("2025-02-01T19:00:00Z"));
  const futureTheatre = await perf(theatre.id, paris.id, at("2027-05-01T19:00:00Z"));
  const spectator = (postalCode: string, communeCode: string, language: string, birthYear: number | null) =>
    tx.spectator.create({ data: { tenantId, postalCode, communeCode, language, birthYear } });
  const ana = await spectator("69001", "69123", "fr", 1980);
  const bob = await spectator("75001", "75056", "en", 2000);
  const cleo = await spectator("38000", "38185", "fr", null);
  const dan = await spectator("69100", "69266", "fr", 1990);
  let n = 0;
  const order = async (spectatorId: string, orderedAt: string, totalCents: number, performanceId: string, priceCategory: string, status: "paid" | "cancelled" | "pending" = "paid") => {
    n += 1;
    const o = await tx.order.create({ data: { tenantId, reference: `O${n}`, spectatorId, orderedAt: at(orderedAt), salesChannel: "web", totalCents: status === "cancelled" ? 0 : totalCents, status } });
    await tx.ticket.create({
      data: {
        tenantId, reference: `T${n}`, orderId: o.id, performanceId, holderId: spectatorId, priceCategory, priceCents: totalCents,
        salesChannel: "web", issuedAt: at(orderedAt), status: status === "paid" ? "valid" : status,
      },
    });
  };
  await order(ana.id, "2025-01-10T10:00:00Z", 3000, pastJazz.id, "Plein tarif");
  await order(ana.id, "2026-06-01T10:00:00Z", 5000, futureTheatre.id, "Plein tarif");
  await order(bob.id, "2024-03-01T10:00:00Z", 2000, futureTheatre.id, "Réduit");
  await order(dan.id, "2025-01-11T10:00:00Z", 4000, pastJazz.id, "Plein tarif", "cancelled");
  // An unpaid reservation: its order's total is the 60 € due, which no rule may count as spent.
  await order(dan.id, "2026-06-02T10:00:00Z", 6000, futureTheatre.id, "Plein tarif", "pending");
  const consent = (spectatorId: string, channel: "email" | "sms" | "social_ads", status: "granted" | "withdrawn") =>
    tx.consent.create({ data: { tenantId, spectatorId, channel, status, source: "test", recordedAt: at("2025-01-01T00:00:00Z") } });
  await consent(ana.id, "email", "granted");
  await consent(bob.id, "email", "withdrawn");
  await consent(bob.id, "sms", "granted");
  await consent(ana.id, "social_ads", "withdrawn");
  await consent(bob.id, "social_ads", "granted");
  const campaign = await tx.campaign.create({ data: { tenantId, name: "Rentrée", channel: "email", content: {} } });
  await tx.campaignEvent.create({ data: { tenantId, campaignId: campaign.id, spectatorId: bob.id, kind: "open", occurredAt: at("2026-09-02T08:00:00Z") } });
  await tx.campaignEvent.create({ data: { tenantId, campaignId: campaign.id, spectatorId: ana.id, kind: "click", occurredAt: at("2026-09-02T08:00:00Z") } });
  // Satisfaction. ana: detractor in the main survey (Feb 2025), then promoter in the festival one
  // (Mar 2025, her latest); bob: passive about the theatre (Mar 2026); cleo: gave 9 about the
  // theatre but did not finish (Mar 2026); dan: never asked.
  const pastTheatre = await perf(theatre.id, paris.id, at("2026-03-01T19:00:00Z"));
  const mainSurvey = await tx.survey.create({ data: { tenantId, name: "Après le spectacle", status: "active" } });
  const festivalSurvey = await tx.survey.create({ data: { tenantId, name: "Festival", status: "active" } });
  for (const surveyId of [mainSurvey.id, festivalSurvey.id])
    await tx.surveyVersion.create({ data: { tenantId, surveyId, version: 1, definition: { schemaVersion: 1 } } });
  const answer = async (surveyId: string, spectatorId: string, performanceId: string, nps: number, answeredAt: string, finished = true) => {
    const invitation = await tx.surveyInvitation.create({
      data: { tenantId, surveyId, spectatorId, performanceId, performanceIds: [performanceId], tokenHash: randomBytes(32), scheduledFor: at(answeredAt), status: finished ? "completed" : "started" },
    });
    await tx.surveyResponse.create({
      data: { tenantId, invitationId: invitation.id, surveyId, version: 1, nps, answers: { nps }, completedAt: finished ? at(answeredAt) : null, updatedAt: at(answeredAt) },
    });
  };
  await answer(mainSurvey.id, ana.id, pastJazz.id, 3, "2025-02-02T10:00:00Z");
  await answer(festivalSurvey.id, ana.id, pastJazz.id, 10, "2025-03-01T10:00:00Z");
  await answer(mainSurvey.id, bob.id, pastTheatre.id, 8, "2026-03-02T10:00:00Z");
  await answer(mainSurvey.id, cleo.id, pastTheatre.id, 9, "2026-03-02T10:00:00Z", false);
  return {
    mainSurvey: mainSurvey.id, festivalSurvey: festivalSurvey.id,
    tenantId, lyonVenue: lyon.id, parisVenue: paris.id, jazzShow: jazz.id, theatreShow: theatre.id, pastJazz: pastJazz.id,
    futureTheatre: futureTheatre.id, campaignId: campaign.id, ana: ana.id, bob: bob.id, cleo: cleo.id, dan: dan.id,
  };
}

export async function buildSegmentFixture(db: Database, tag: string): Promise<SegmentFixture> {
  const tenant = await provisionTenant(
    db,
    { slug: `${tag}-${randomBytes(3).toString("hex")}`, name: `Tenant ${tag}`, kind: "theatre" },
    { userId: null },
  );
  return withTenant(db, tenant.id, (tx) => fill(tx, tenant.id));
}
