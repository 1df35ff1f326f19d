// The small tables of a tenant's programme (venues, shows, performances), written through the
// application role in one tenant-scoped transaction, as the product writes them.
import { withTenant, type Database } from "@rappel/db";
import type { TenantPlan } from "./schedule";

export async function createProgramme(
  db: Database,
  tenantId: string,
  plan: TenantPlan,
): Promise<void> {
  await withTenant(
    db,
    tenantId,
    async (tx) => {
      await tx.venue.createMany({
        data: plan.venues.map((v) => ({
          tenantId,
          id: v.id,
          name: v.name,
          siteName: v.siteName,
          capacity: v.capacity,
          address: v.address,
          postalCode: v.postalCode,
          city: v.city,
          communeCode: v.communeCode,
          latitude: v.latitude,
          longitude: v.longitude,
        })),
      });
      await tx.show.createMany({ data: plan.shows.map((s) => ({ tenantId, ...s })) });
      await tx.performance.createMany({
        data: plan.performances.map((p) => ({
          tenantId,
          id: p.id,
          showId: p.showId,
          venueId: p.venueId,
          startsAt: p.startsAt,
          endsAt: p.endsAt,
          capacity: p.capacity,
          blockedSeats: p.blockedSeats,
          status: p.status,
          externalRef: p.externalRef,
        })),
      });
    },
    { timeoutMs: 120_000 },
  );
}
