// A throwaway tenant for the offboarding journey, which exports and destroys it: the demo tenants
// other journeys use are never offboarded. A venue, a show, a performance and two spectators with
// orders and tickets, sealed with the run's master key.
import { createDatabase, provisionTenant, withTenant } from "@rappel/db";
import { createTenantDataKey, loadIdentityCodec, type MasterKey } from "@rappel/personal-data";

export const OFFBOARDING_TENANT = { slug: "compagnie-ephemere", name: "Compagnie Éphémère" } as const;

export async function seedOffboardingTenant(appUrl: string, master: MasterKey): Promise<void> {
  const db = createDatabase(appUrl, { max: 1 });
  try {
    const tenant = await provisionTenant(db, { ...OFFBOARDING_TENANT, kind: "producer" }, { userId: null }, async (tx, t) => {
      await createTenantDataKey(tx, t.id, master);
    });
    await withTenant(db, tenant.id, async (tx) => {
      const venue = await tx.venue.create({ data: { tenantId: tenant.id, name: "Salle des fêtes", capacity: 120 } });
      const show = await tx.show.create({ data: { tenantId: tenant.id, title: "Dernière tournée" } });
      const startsAt = new Date("2026-06-12T18:30:00Z");
      const performance = await tx.performance.create({ data: { tenantId: tenant.id, showId: show.id, venueId: venue.id, startsAt, endsAt: startsAt, capacity: 120 } });
      const codec = await loadIdentityCodec(tx, tenant.id, master);
      for (const [i, lastName] of ["Lemoine", "Arnaud"].entries()) {
        const spectator = await tx.spectator.create({ data: { tenantId: tenant.id, ...codec.sealIdentity({ email: `${lastName.toLowerCase()}@ephemere.test`, lastName }) } });
        const order = await tx.order.create({ data: { tenantId: tenant.id, reference: `EPH-${i}`, spectatorId: spectator.id, orderedAt: new Date("2026-05-01T10:00:00Z"), salesChannel: "web", totalCents: 1800 } });
        await tx.ticket.create({
          data: { tenantId: tenant.id, reference: `EPH-T-${i}`, orderId: order.id, performanceId: performance.id, holderId: spectator.id, priceCategory: "Plein tarif", priceCents: 1800, salesChannel: "web", issuedAt: order.orderedAt },
        });
      }
    });
  } finally {
    await db.$disconnect();
  }
}
