// A small, hand-computable data set, written through the application role (withTenant, so RLS
// applies exactly as in production). Every figure asserted in the tests derives from this file.
//
// Season 2025-26 (1 Sept 2025 – 31 Aug 2026), times in Europe/Paris:
//   P0  "Le Misanthrope" (théâtre) at Salle Lyon, 20 Oct 2024, capacity 10            (last season)
//   P4  "Boléro" (danse)          at Salle Lyon, 20 Sep 2025, capacity 20, 5 blocked   (no sale)
//   P1  "Le Misanthrope"          at Salle Lyon, 10 Oct 2025, capacity 10, 2 blocked
//   P2  "Le Misanthrope"          at Salle Lyon, 20 Nov 2025, capacity 10
//   P3  "Boléro"                  at Annexe (no coordinates), 15 Jan 2026, capacity 5, CANCELLED
// Spectators: X (Lyon), Y (Villeurbanne), Z (Villeurbanne), W (Grenoble), N (no commune).
// Orders (valid tickets only):
//   O0  W  1 Oct 2024  web         P0: 2 × Plein 30 €
//   O1  X  1 Sep 2025  web         P1: 2 × Plein 30 €
//   O2  Y  1 Oct 2025  box_office  P1: 1 × Réduit 20 €, 1 × Invitation (held by Z)
//   O3  X  5 Oct 2025  web         P2: 1 × Plein 35 €
//   O4  W  19 Nov 2025 00:30 phone P2: 3 × Réduit 25 €, 1 × Invitation
//   O5  Y  1 Dec 2025  web         P3: 1 × Plein 28 €
// Noise that must never count: a cancelled ticket in O3, a refunded order O6 (N, P2, 1 × 40 €),
// unpaid reservations (pending): one more ticket in O4 (P2, Réduit 25 €), and order O7 (Z, 2 Oct
// 2025, web, P1: 2 × Plein 30 €) whose tickets are all pending, so the order is pending too.
import type { Database, SalesChannel, Tx } from "@rappel/db";
import { provisionTenant, withTenant } from "@rappel/db";
import { randomBytes } from "node:crypto";
import { parisInstant } from "../calendar";

export const LYON = { code: "69123", latitude: 45.75485, longitude: 4.83638 };
export const VILLEURBANNE = { code: "69266", latitude: 45.77087, longitude: 4.88921 };
export const GRENOBLE = { code: "38185", latitude: 45.18219, longitude: 5.72113 };

export interface Fixture {
  tenantId: string;
  venueLyon: string;
  venueAnnexe: string;
  showMisanthrope: string;
  showBolero: string;
  p0: string;
  p1: string;
  p2: string;
  p3: string;
  p4: string;
  spectators: Record<"X" | "Y" | "Z" | "W" | "N", string>;
}

/** An instant given as Paris wall-clock time "yyyy-mm-ddTHH:MM". */
export const paris = parisInstant;

interface TicketSpec {
  performanceId: string;
  category: string;
  priceCents: number;
  complimentary?: boolean;
  holderId?: string;
  status?: "valid" | "cancelled" | "refunded" | "pending";
}

let counter = 0;

export async function addOrder(
  tx: Tx,
  tenantId: string,
  spec: { buyerId: string | null; orderedAt: Date; channel: SalesChannel; status?: "paid" | "cancelled" | "refunded" | "pending"; tickets: TicketSpec[] },
): Promise<string> {
  const ref = `${Date.now().toString(36)}-${++counter}-${randomBytes(3).toString("hex")}`;
  const status = spec.status ?? "paid";
  // As an import computes it (orderTotalOf): a paid order's valid tickets, a pending one's
  // reservations, nothing for a cancelled or refunded one.
  const counted = status === "paid" ? "valid" : status === "pending" ? "pending" : null;
  const order = await tx.order.create({
    data: {
      tenantId,
      reference: `O-${ref}`,
      spectatorId: spec.buyerId,
      orderedAt: spec.orderedAt,
      salesChannel: spec.channel,
      totalCents: spec.tickets.reduce((s, t) => s + ((t.status ?? "valid") === counted && !t.complimentary ? t.priceCents : 0), 0),
      status,
    },
  });
  await tx.ticket.createMany({
    data: spec.tickets.map((t, i) => ({
      tenantId,
      reference: `T-${ref}-${i}`,
      orderId: order.id,
      performanceId: t.performanceId,
      holderId: t.holderId ?? null,
      priceCategory: t.category,
      priceCents: t.complimentary ? 0 : t.priceCents,
      salesChannel: spec.channel,
      isComplimentary: t.complimentary ?? false,
      status: t.status ?? "valid",
      issuedAt: spec.orderedAt,
    })),
  });
  return order.id;
}

export async function createTenant(db: Database, tag: string): Promise<string> {
  const suffix = randomBytes(4).toString("hex");
  const tenant = await provisionTenant(db, { slug: `${tag}-${suffix}`, name: `Théâtre ${tag}`, kind: "theatre" }, { userId: null });
  return tenant.id;
}

export async function buildFixture(db: Database, tag = "fixture"): Promise<Fixture> {
  const tenantId = await createTenant(db, tag);
  return withTenant(db, tenantId, async (tx) => {
    const venueLyon = await tx.venue.create({
      data: { tenantId, name: "Salle Lyon", capacity: 10, latitude: LYON.latitude, longitude: LYON.longitude, communeCode: LYON.code },
    });
    const venueAnnexe = await tx.venue.create({ data: { tenantId, name: "Annexe", capacity: 5 } });
    const misanthrope = await tx.show.create({ data: { tenantId, title: "Le Misanthrope", genre: "theatre" } });
    const bolero = await tx.show.create({ data: { tenantId, title: "Boléro", genre: "danse" } });
    const perf = async (showId: string, venueId: string, local: string, capacity: number, extra: { blockedSeats?: number; status?: "cancelled" } = {}) => {
      const startsAt = paris(local);
      const p = await tx.performance.create({
        data: { tenantId, showId, venueId, startsAt, endsAt: new Date(startsAt.getTime() + 7_200_000), capacity, ...extra },
      });
      return p.id;
    };
    const p0 = await perf(misanthrope.id, venueLyon.id, "2024-10-20T20:00", 10);
    const p4 = await perf(bolero.id, venueLyon.id, "2025-09-20T20:00", 20, { blockedSeats: 5 });
    const p1 = await perf(misanthrope.id, venueLyon.id, "2025-10-10T20:00", 10, { blockedSeats: 2 });
    const p2 = await perf(misanthrope.id, venueLyon.id, "2025-11-20T20:00", 10);
    const p3 = await perf(bolero.id, venueAnnexe.id, "2026-01-15T20:00", 5, { status: "cancelled" });

    const spectator = async (communeCode: string | null) =>
      (await tx.spectator.create({ data: { tenantId, communeCode } })).id;
    const spectators = {
      X: await spectator(LYON.code),
      Y: await spectator(VILLEURBANNE.code),
      Z: await spectator(VILLEURBANNE.code),
      W: await spectator(GRENOBLE.code),
      N: await spectator(null),
    };
    const { X, Y, Z, W, N } = spectators;
    await addOrder(tx, tenantId, { buyerId: W, orderedAt: paris("2024-10-01T10:00"), channel: "web", tickets: [
      { performanceId: p0, category: "Plein", priceCents: 3000 },
      { performanceId: p0, category: "Plein", priceCents: 3000 },
    ] });
    await addOrder(tx, tenantId, { buyerId: X, orderedAt: paris("2025-09-01T10:00"), channel: "web", tickets: [
      { performanceId: p1, category: "Plein", priceCents: 3000 },
      { performanceId: p1, category: "Plein", priceCents: 3000 },
    ] });
    await addOrder(tx, tenantId, { buyerId: Y, orderedAt: paris("2025-10-01T18:30"), channel: "box_office", tickets: [
      { performanceId: p1, category: "Réduit", priceCents: 2000, holderId: Y },
      { performanceId: p1, category: "Invitation", priceCents: 0, complimentary: true, holderId: Z },
    ] });
    await addOrder(tx, tenantId, { buyerId: X, orderedAt: paris("2025-10-05T09:00"), channel: "web", tickets: [
      { performanceId: p2, category: "Plein", priceCents: 3500 },
      { performanceId: p2, category: "Plein", priceCents: 3500, status: "cancelled" },
    ] });
    await addOrder(tx, tenantId, { buyerId: W, orderedAt: paris("2025-11-19T00:30"), channel: "phone", tickets: [
      { performanceId: p2, category: "Réduit", priceCents: 2500 },
      { performanceId: p2, category: "Réduit", priceCents: 2500 },
      { performanceId: p2, category: "Réduit", priceCents: 2500 },
      { performanceId: p2, category: "Invitation", priceCents: 0, complimentary: true },
      { performanceId: p2, category: "Réduit", priceCents: 2500, status: "pending" },
    ] });
    await addOrder(tx, tenantId, { buyerId: Y, orderedAt: paris("2025-12-01T12:00"), channel: "web", tickets: [
      { performanceId: p3, category: "Plein", priceCents: 2800 },
    ] });
    await addOrder(tx, tenantId, { buyerId: N, orderedAt: paris("2025-11-01T12:00"), channel: "web", status: "refunded", tickets: [
      { performanceId: p2, category: "Plein", priceCents: 4000 },
    ] });
    await addOrder(tx, tenantId, { buyerId: Z, orderedAt: paris("2025-10-02T11:00"), channel: "web", status: "pending", tickets: [
      { performanceId: p1, category: "Plein", priceCents: 3000, status: "pending" },
      { performanceId: p1, category: "Plein", priceCents: 3000, status: "pending" },
    ] });
    return {
      tenantId, venueLyon: venueLyon.id, venueAnnexe: venueAnnexe.id, showMisanthrope: misanthrope.id, showBolero: bolero.id,
      p0, p1, p2, p3, p4, spectators,
    };
  });
}

/** Haversine distance (km), the same great-circle formula the rollup uses. */
export function distanceKm(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const rad = (x: number) => (x * Math.PI) / 180;
  const h =
    Math.sin(rad(b.latitude - a.latitude) / 2) ** 2 +
    Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(rad(b.longitude - a.longitude) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.sqrt(h));
}

export function appDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set (the vitest globalSetup sets it)");
  return url;
}

export function ownerDatabaseUrl(): string {
  const url = process.env.MIGRATION_DATABASE_URL;
  if (!url) throw new Error("MIGRATION_DATABASE_URL is not set (the vitest globalSetup sets it)");
  return url;
}
