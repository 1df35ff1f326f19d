// Venues, edited by staff. An import only knows a venue's name, so it creates it with capacity 0
// and no place: fill rates and travel distances need both. Staff set the capacity (optionally
// handed to the venue's performances whose capacity is unknown, i.e. 0) and the place: a postal
// code (→ INSEE commune and its centroid, from the shipped reference data) or exact coordinates.
// The rollups of the venue's performances are refreshed in the same transaction, so the
// dashboards show the new fill rates and distances at once.
import type { Tx } from "@rappel/db";
import { centroidForPostalCode, communeByCode } from "@rappel/geo";
import { refreshRollups } from "@rappel/ignition-analytics";
import { z } from "zod";
import { ImportError } from "../errors";
import { communeForPostalCode } from "../normalise/contact";

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((s) => (s === "" ? null : s))
    .nullable()
    .default(null);
const optionalNumber = (min: number, max: number) =>
  z.preprocess((v) => (typeof v === "string" ? (v.trim() === "" ? null : Number(v.trim().replace(",", "."))) : v), z.number().min(min).max(max).nullable().default(null));

export const ZVenueUpdate = z
  .object({
    capacity: z.preprocess((v) => (typeof v === "string" ? Number(v.trim()) : v), z.number().int().min(0).max(500_000)),
    address: optionalText(200),
    postalCode: optionalText(10).refine((pc) => pc === null || /^\d{5}$/.test(pc), { message: "postal_code_format" }),
    city: optionalText(100),
    latitude: optionalNumber(-90, 90),
    longitude: optionalNumber(-180, 180),
    /** Also give this capacity to the venue's performances whose capacity is 0 (unknown). */
    applyToPerformances: z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean()).default(false),
  })
  .refine((v) => (v.latitude === null) === (v.longitude === null), { message: "coordinates_pair", path: ["longitude"] });

export type TVenueUpdate = z.input<typeof ZVenueUpdate>;

export interface VenueRow {
  id: string;
  name: string;
  capacity: number;
  address: string | null;
  postalCode: string | null;
  city: string | null;
  communeCode: string | null;
  latitude: number | null;
  longitude: number | null;
  performances: number;
}

export class VenueError extends ImportError {
  constructor(status: 404 | 422, code: string, message: string) {
    super(status, code, message);
    this.name = "VenueError";
  }
}

const select = { id: true, name: true, capacity: true, address: true, postalCode: true, city: true, communeCode: true, latitude: true, longitude: true, _count: { select: { performances: true } } } as const;
type Selected = { _count: { performances: number } } & Omit<VenueRow, "performances">;
const toRow = ({ _count, ...v }: Selected): VenueRow => ({ ...v, performances: _count.performances });

export async function listVenues(tx: Tx, tenantId: string): Promise<VenueRow[]> {
  const venues = await tx.venue.findMany({ where: { tenantId }, orderBy: [{ name: "asc" }, { id: "asc" }], select });
  return venues.map(toRow);
}

export async function getVenue(tx: Tx, tenantId: string, venueId: string): Promise<VenueRow> {
  const id = z.uuid().safeParse(venueId);
  const venue = id.success ? await tx.venue.findUnique({ where: { tenantId_id: { tenantId, id: id.data } }, select }) : null;
  if (!venue) throw new VenueError(404, "venue.not_found", "Salle introuvable. / Venue not found.");
  return toRow(venue);
}

/** Updates a venue (in withTenant); returns it, and how many performances took the capacity. */
export async function updateVenue(tx: Tx, tenantId: string, venueId: string, input: TVenueUpdate): Promise<{ venue: VenueRow; performancesUpdated: number }> {
  const data = ZVenueUpdate.parse(input);
  const current = await getVenue(tx, tenantId, venueId);
  let communeCode: string | null = null;
  let point: { latitude: number; longitude: number } | null = null;
  if (data.postalCode) {
    communeCode = communeForPostalCode(data.postalCode, data.city);
    if (!communeCode) {
      throw new VenueError(422, "venue.postal_code_unknown", `Code postal inconnu : ${data.postalCode}. / Unknown postal code: ${data.postalCode}.`);
    }
    // The commune's own centroid when the city names it, else the postal code's (weighted) one.
    const centroid = communeByCode(communeCode)?.centroid ?? centroidForPostalCode(data.postalCode);
    if (centroid) point = { latitude: centroid.lat, longitude: centroid.lon };
  }
  // Exact coordinates, when given, win over the commune's centroid.
  if (data.latitude !== null && data.longitude !== null) point = { latitude: data.latitude, longitude: data.longitude };

  await tx.venue.update({
    where: { tenantId_id: { tenantId, id: current.id } },
    data: {
      capacity: data.capacity,
      address: data.address,
      postalCode: data.postalCode,
      city: data.city,
      communeCode,
      latitude: point?.latitude ?? null,
      longitude: point?.longitude ?? null,
    },
  });
  const performancesUpdated =
    data.applyToPerformances && data.capacity > 0
      ? (await tx.performance.updateMany({ where: { tenantId, venueId: current.id, capacity: 0 }, data: { capacity: data.capacity } })).count
      : 0;
  const performances = await tx.performance.findMany({ where: { tenantId, venueId: current.id }, select: { id: true } });
  await refreshRollups(tx, tenantId, { performanceIds: performances.map((p) => p.id) });
  return { venue: await getVenue(tx, tenantId, current.id), performancesUpdated };
}
