// Points per commune around the venue: each commune's centroid (never an address), a circle whose
// area is proportional to the value. The map is centred on the venue(s) and sized to hold most
// of the value; communes further away are counted, and listed in the table, not drawn.
import { geoConicConformal, geoPath, type GeoPermissibleObjects, type GeoProjection } from "d3-geo";
import { departementsGeoJson, distanceKm } from "@rappel/geo";

export const COMMUNE_MAP_WIDTH = 560;
export const COMMUNE_MAP_HEIGHT = 420;
const MAX_RADIUS = 22;
const MIN_RADIUS = 3;
/** The map shows at least this radius around the venue, and at most that one. */
const MIN_KM = 10;
const MAX_KM = 200;
/** Share of the total value the map's radius should cover. */
const COVER = 0.9;

export interface PointInput {
  code: string;
  name: string;
  latitude: number;
  longitude: number;
  value: number;
}

export interface PlacedPoint extends PointInput {
  x: number;
  y: number;
  r: number;
  km: number;
}

export interface VenueInput {
  id: string;
  name: string;
  latitude: number;
  longitude: number;
}

export interface CommuneMap {
  width: number;
  height: number;
  radiusKm: number;
  points: PlacedPoint[];
  /** Communes with figures that lie beyond the drawn area. */
  outside: number;
  venues: (VenueInput & { x: number; y: number })[];
  /** Département outlines for context, clipped to the map. */
  background: { code: string; d: string }[];
  /** Reference circles for the legend: value and radius. */
  legend: { value: number; r: number }[];
}

export function radiusFor(value: number, maxValue: number): number {
  if (maxValue <= 0 || value <= 0) return MIN_RADIUS;
  return Math.max(MIN_RADIUS, MAX_RADIUS * Math.sqrt(value / maxValue));
}

/** The distance from the centre within which `COVER` of the value lies, clamped to [MIN_KM, MAX_KM]. */
export function coverRadiusKm(points: readonly { km: number; value: number }[]): number {
  const total = points.reduce((s, p) => s + p.value, 0);
  if (total <= 0) return MIN_KM;
  let sum = 0;
  let radius = MIN_KM;
  for (const p of [...points].sort((a, b) => a.km - b.km)) {
    sum += p.value;
    radius = p.km;
    if (sum >= COVER * total) break;
  }
  return Math.min(MAX_KM, Math.max(MIN_KM, radius * 1.15));
}

/** A square of ±radiusKm around the centre, as a GeoJSON object to fit the projection to. */
function squareAround(lat: number, lon: number, radiusKm: number): GeoPermissibleObjects {
  const dLat = radiusKm / 111.2;
  const dLon = radiusKm / (111.2 * Math.cos((lat * Math.PI) / 180));
  return {
    type: "MultiPoint",
    coordinates: [
      [lon - dLon, lat - dLat],
      [lon + dLon, lat + dLat],
    ],
  };
}

export function layoutCommuneMap(points: readonly PointInput[], venues: readonly VenueInput[]): CommuneMap | null {
  if (venues.length === 0) return null;
  const lat = venues.reduce((s, v) => s + v.latitude, 0) / venues.length;
  const lon = venues.reduce((s, v) => s + v.longitude, 0) / venues.length;
  const withKm = points.map((p) => ({ ...p, km: distanceKm({ lat, lon }, { lat: p.latitude, lon: p.longitude }) }));
  const radiusKm = coverRadiusKm(withKm);
  const pad = MAX_RADIUS + 4;
  const projection: GeoProjection = geoConicConformal()
    .parallels([lat - 1, lat + 1])
    .rotate([-lon, 0])
    .fitExtent(
      [
        [pad, pad],
        [COMMUNE_MAP_WIDTH - pad, COMMUNE_MAP_HEIGHT - pad],
      ],
      squareAround(lat, lon, radiusKm),
    );
  const inside = (x: number, y: number) => x >= 0 && y >= 0 && x <= COMMUNE_MAP_WIDTH && y <= COMMUNE_MAP_HEIGHT;
  const maxValue = Math.max(0, ...points.map((p) => p.value));
  const placed: PlacedPoint[] = [];
  let outside = 0;
  for (const p of withKm) {
    const xy = projection([p.longitude, p.latitude]);
    if (!xy || !inside(xy[0], xy[1])) {
      outside++;
      continue;
    }
    placed.push({ ...p, x: xy[0], y: xy[1], r: radiusFor(p.value, maxValue) });
  }
  // Big circles first, so small ones stay visible on top.
  placed.sort((a, b) => b.r - a.r);
  const clipped = geoPath(projection.clipExtent([[0, 0], [COMMUNE_MAP_WIDTH, COMMUNE_MAP_HEIGHT]])).digits(0);
  const background = departementsGeoJson()
    .features.map((f) => ({ code: f.properties.code, d: clipped(f as GeoPermissibleObjects) ?? "" }))
    .filter((b) => b.d.length > 0);
  const legend = maxValue > 0 ? [maxValue, maxValue / 4].map((value) => ({ value: Math.round(value), r: radiusFor(value, maxValue) })) : [];
  return {
    width: COMMUNE_MAP_WIDTH,
    height: COMMUNE_MAP_HEIGHT,
    radiusKm,
    points: placed,
    outside,
    venues: venues.map((v) => {
      const [x, y] = projection([v.longitude, v.latitude]) ?? [COMMUNE_MAP_WIDTH / 2, COMMUNE_MAP_HEIGHT / 2];
      return { ...v, x, y };
    }),
    background,
    legend,
  };
}
