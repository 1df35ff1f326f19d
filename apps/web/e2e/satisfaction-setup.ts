// Run by the satisfaction journey (through tsx, outside Playwright's transform): a show whose
// performance ended yesterday afternoon, with one spectator holding a ticket, and another show
// playing in ten days at the same venue. Prints JSON.
import { randomBytes } from "node:crypto";
import { createDatabase, withTenant } from "@rappel/db";
import { loadIdentityCodec, masterKeyFromEnv } from "@rappel/personal-data";
import { parisParts, parisToUtc } from "@rappel/survey";

const url = process.env.E2E_DATABASE_URL;
const masterKey = process.env.E2E_MASTER_KEY;
const email = process.argv[2];
if (!url || !masterKey || !email) throw new Error("usage: E2E_DATABASE_URL=… E2E_MASTER_KEY=… tsx satisfaction-setup.ts <email>");

const db = createDatabase(url, { max: 1 });
const tenant = await db.tenant.findUniqueOrThrow({ where: { slug: "theatre-lumiere" } });
const today = parisParts(new Date());
const yesterday = new Date(Date.UTC(today.year, today.month - 1, today.day - 1));
const endsAt = parisToUtc({ year: yesterday.getUTCFullYear(), month: yesterday.getUTCMonth() + 1, day: yesterday.getUTCDate(), hour: 16, minute: 0 });
const result = await withTenant(db, tenant.id, async (tx) => {
  const venue = await tx.venue.findFirstOrThrow({ where: { tenantId: tenant.id }, orderBy: { name: "asc" } });
  const tag = randomBytes(3).toString("hex");
  const show = await tx.show.create({ data: { tenantId: tenant.id, title: `Le Misanthrope (${tag})`, genre: "theatre" } });
  const performance = await tx.performance.create({
    data: { tenantId: tenant.id, showId: show.id, venueId: venue.id, startsAt: new Date(endsAt.getTime() - 2 * 3_600_000), endsAt, capacity: 300 },
  });
  const codec = await loadIdentityCodec(tx, tenant.id, masterKeyFromEnv({ MASTER_KEY: masterKey, MASTER_KEY_ID: "mk1" }));
  const spectator = await tx.spectator.create({ data: { tenantId: tenant.id, ...codec.sealIdentity({ email, firstName: "Camille" }) } });
  const order = await tx.order.create({
    data: { tenantId: tenant.id, reference: `E2E-${tag}`, spectatorId: spectator.id, orderedAt: new Date(endsAt.getTime() - 30 * 86_400_000), salesChannel: "web", totalCents: 2800 },
  });
  await tx.ticket.create({
    data: {
      tenantId: tenant.id, reference: `E2E-T-${tag}`, orderId: order.id, performanceId: performance.id, holderId: spectator.id,
      priceCategory: "Tarif réduit", priceCents: 2800, salesChannel: "web", issuedAt: order.orderedAt,
    },
  });
  // An upcoming show at the same venue, for the thank-you page's suggestions.
  const next = await tx.show.create({ data: { tenantId: tenant.id, title: `La Mouette (${tag})`, genre: "theatre" } });
  const nextStartsAt = new Date(Date.now() + 10 * 86_400_000);
  await tx.performance.create({
    data: { tenantId: tenant.id, showId: next.id, venueId: venue.id, startsAt: nextStartsAt, endsAt: new Date(nextStartsAt.getTime() + 7_200_000), capacity: 300 },
  });
  return { showId: show.id, showTitle: show.title, performanceId: performance.id };
});
process.stdout.write(`${JSON.stringify(result)}\n`);
await db.$disconnect();
