// Test fixtures: a provisioned tenant with a real data key, and spectators with orders and
// tickets at chosen dates, written through the application role (real PostgreSQL, RLS on).
import { randomBytes } from "node:crypto";
import { createDatabase, provisionTenant, withTenant, type Database } from "@rappel/db";
import { createTenantDataKey, loadIdentityCodec, type MasterKey, type SpectatorIdentity } from "@rappel/personal-data";

export const testMaster: MasterKey = {
  id: "mk1",
  key: Buffer.from(process.env.MASTER_KEY ?? Buffer.alloc(32, 1).toString("base64"), "base64"),
};

export function openAppDatabase(): Database {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: run through vitest (globalSetup creates the database)");
  return createDatabase(url, { max: 6 });
}

export function openOwnerDatabase(): Database {
  const url = process.env.MIGRATION_DATABASE_URL;
  if (!url) throw new Error("MIGRATION_DATABASE_URL is not set: run through vitest");
  return createDatabase(url, { max: 2 });
}

export interface TestTenant {
  tenantId: string;
  performanceId: string;
}

export async function createTestTenant(db: Database): Promise<TestTenant> {
  const suffix = randomBytes(4).toString("hex");
  const tenant = await provisionTenant(
    db,
    { slug: `p-${suffix}`, name: `Théâtre ${suffix}`, kind: "theatre" },
    { userId: null },
    async (tx, t) => {
      await createTenantDataKey(tx, t.id, testMaster);
    },
  );
  const performanceId = await withTenant(db, tenant.id, async (tx) => {
    const venue = await tx.venue.create({ data: { tenantId: tenant.id, name: "Grande salle", capacity: 500 } });
    const show = await tx.show.create({ data: { tenantId: tenant.id, title: "Le Misanthrope" } });
    const startsAt = new Date("2023-01-10T19:00:00Z");
    const performance = await tx.performance.create({
      data: { tenantId: tenant.id, showId: show.id, venueId: venue.id, startsAt, endsAt: startsAt, capacity: 500 },
    });
    return performance.id;
  });
  return { tenantId: tenant.id, performanceId };
}

/** A spectator; with `orderedAt`, also one paid order and one ticket at that date. */
export async function addSpectator(
  db: Database,
  tenant: TestTenant,
  identity: SpectatorIdentity,
  options: { orderedAt?: Date; createdAt?: Date } = {},
): Promise<{ spectatorId: string; orderId?: string; ticketId?: string }> {
  return withTenant(db, tenant.tenantId, async (tx) => {
    const codec = await loadIdentityCodec(tx, tenant.tenantId, testMaster);
    const spectator = await tx.spectator.create({
      data: {
        tenantId: tenant.tenantId,
        ...codec.sealIdentity(identity),
        postalCode: identity.postalCode ?? null,
        ...(options.createdAt ? { createdAt: options.createdAt } : {}),
      },
    });
    await tx.consent.create({
      data: { tenantId: tenant.tenantId, spectatorId: spectator.id, channel: "email", status: "granted", source: "test", recordedAt: options.createdAt ?? new Date() },
    });
    if (!options.orderedAt) return { spectatorId: spectator.id };
    const ref = randomBytes(6).toString("hex");
    const order = await tx.order.create({
      data: {
        tenantId: tenant.tenantId, reference: `O-${ref}`, spectatorId: spectator.id, orderedAt: options.orderedAt, salesChannel: "web", totalCents: 3200,
      },
    });
    const ticket = await tx.ticket.create({
      data: {
        tenantId: tenant.tenantId, reference: `T-${ref}`, orderId: order.id, performanceId: tenant.performanceId, holderId: spectator.id,
        priceCategory: "Plein tarif", priceCents: 3200, salesChannel: "web", issuedAt: options.orderedAt,
      },
    });
    return { spectatorId: spectator.id, orderId: order.id, ticketId: ticket.id };
  });
}
