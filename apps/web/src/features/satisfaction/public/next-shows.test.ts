// The thank-you page's suggestions against the real PostgreSQL: upcoming, not cancelled, this
// tenant's only, the spectator's venue first, one per show, at most three; and the page itself.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant, type Database } from "@rappel/db";
import type { TestDatabase } from "@rappel/db/testing";
import { createCoreDefinition } from "@rappel/survey";
import { findNextShows } from "./next-shows";
import { getThanksPage } from "./page-routes";
import { createPublicWorld, openPublicTestDatabase, type PublicWorld } from "./testing/public-world";

let testDb: TestDatabase;
let db: Database;
let a: PublicWorld;
let b: PublicWorld;
const now = new Date();
const inDays = (d: number) => new Date(now.getTime() + d * 86_400_000);

async function addPerformance(w: PublicWorld, title: string, where: "same" | "other", startsAt: Date, status: "scheduled" | "cancelled" | "moved" = "scheduled") {
  await withTenant(db, w.tenantId, async (tx) => {
    const venueId =
      where === "same" ? w.venueId : (await tx.venue.upsert({ where: { tenantId_name: { tenantId: w.tenantId, name: "Petite salle" } }, create: { tenantId: w.tenantId, name: "Petite salle", capacity: 90 }, update: {} })).id;
    const show = await tx.show.create({ data: { tenantId: w.tenantId, title, genre: "theatre" } });
    await tx.performance.create({ data: { tenantId: w.tenantId, showId: show.id, venueId, startsAt, endsAt: new Date(startsAt.getTime() + 7_200_000), capacity: 90, status } });
  });
}

beforeAll(async () => {
  ({ testDb, db } = await openPublicTestDatabase());
  [a, b] = [await createPublicWorld(db), await createPublicWorld(db)];
  await addPerformance(a, "Other venue, tomorrow", "other", inDays(1));
  await addPerformance(a, "Same venue, in 10 days", "same", inDays(10));
  await addPerformance(a, "Same venue, in 20 days", "same", inDays(20));
  await addPerformance(a, "Same venue, cancelled", "same", inDays(2), "cancelled");
  await addPerformance(a, "Same venue, last week", "same", inDays(-7));
  await addPerformance(a, "Other venue, in 3 days", "other", inDays(3));
  // Another tenant's show, sooner than all of them.
  await addPerformance(b, "Tenant B, in an hour", "same", new Date(now.getTime() + 3_600_000));
  // The show just seen plays again: not suggested (the spectator has just seen it).
  await withTenant(db, a.tenantId, (tx) =>
    tx.performance.create({ data: { tenantId: a.tenantId, showId: a.showId, venueId: a.venueId, startsAt: inDays(4), endsAt: inDays(4.1), capacity: 90 } }),
  );
});
afterAll(async () => {
  await db?.$disconnect();
  await testDb?.drop();
});

describe("next shows", () => {
  it("lists upcoming, not cancelled performances of the tenant, the spectator's venue first, at most three", async () => {
    const shows = await withTenant(db, a.tenantId, (tx) => findNextShows(tx, a.tenantId, [a.performanceId], now));
    expect(shows.map((s) => s.showTitle)).toEqual(["Same venue, in 10 days", "Same venue, in 20 days", "Other venue, tomorrow"]);
    expect(shows[0]).toMatchObject({ venueName: "Grande salle", startsAt: inDays(10) });
  });

  it("never lists another tenant's shows, even when asked with its id inside this tenant's scope", async () => {
    const shows = await withTenant(db, a.tenantId, (tx) => findNextShows(tx, b.tenantId, [b.performanceId], now));
    expect(shows).toEqual([]);
    const own = await withTenant(db, b.tenantId, (tx) => findNextShows(tx, b.tenantId, [b.performanceId], now));
    expect(own.map((s) => s.showTitle)).toEqual(["Tenant B, in an hour"]);
  });

  it("are shown on the thank-you page with their date in Europe/Paris, unless the survey turns them off", async () => {
    const res = await getThanksPage(new Request(`http://rappel.test/s/${a.code}/thanks`), a.code);
    const html = await res.text();
    expect(html).toContain("Prochainement chez");
    const paris = new Intl.DateTimeFormat("fr-FR", { dateStyle: "full", timeStyle: "short", timeZone: "Europe/Paris" }).format(inDays(10));
    expect(html).toContain(`Grande salle, ${paris}`);
    expect(html).not.toContain("Tenant B");

    const definition = { ...createCoreDefinition(), thankYou: { suggestNextShows: false } };
    await withTenant(db, a.tenantId, (tx) =>
      tx.surveyVersion.update({ where: { tenantId_surveyId_version: { tenantId: a.tenantId, surveyId: a.surveyId, version: 1 } }, data: { definition } }),
    );
    const off = await (await getThanksPage(new Request(`http://rappel.test/s/${a.code}/thanks`), a.code)).text();
    expect(off).toContain("Merci !");
    expect(off).not.toContain("Prochainement chez");
  });
});
