// Where spectators live. Communes, their postal codes, populations and centroids come from
// @rappel/geo (IGN GEOFLA 2016 / INSEE centroids and @etalab/decoupage-administratif), the same
// reference the product's analytics use, so every postal code handed out really belongs to
// its commune and distances agree with the dashboards'.
import { createRequire } from "node:module";
import { communeByCode, distanceKm, type LatLon } from "@rappel/geo";
import type { Random } from "./random";

export interface HomeCommune {
  code: string;
  name: string;
  departement: string;
  centroid: LatLon;
  population: number;
  postalCodes: readonly string[];
}

let cached: HomeCommune[] | undefined;

/** Current metropolitan communes with a centroid, a population and at least one postal code. */
export function loadHomeCommunes(): HomeCommune[] {
  if (cached) return cached;
  // @rappel/geo looks communes up by code; the list of current codes comes from the same source.
  const records = createRequire(import.meta.url)(
    "@etalab/decoupage-administratif/data/communes.json",
  ) as {
    code: string;
    type: string;
    zone: string;
  }[];
  const communes: HomeCommune[] = [];
  for (const r of records) {
    if (r.type !== "commune-actuelle" || r.zone !== "metro") continue;
    const c = communeByCode(r.code);
    if (!c?.centroid || !c.population || c.postalCodes.length === 0) continue;
    communes.push({
      code: c.code,
      name: c.name,
      departement: c.departement.code,
      centroid: c.centroid,
      population: c.population,
      postalCodes: c.postalCodes,
    });
  }
  cached = communes;
  return communes;
}

/**
 * How an audience spreads around a venue: each commune weighs its population times a distance
 * decay mixing a local pull (same city), a regional one (day trips) and a flat national share
 * (visitors, tourists).
 */
export interface AudienceSpread {
  localKm: number;
  local: number;
  regionalKm: number;
  regional: number;
  national: number;
}

export class AudienceSampler {
  private readonly cumulative: Float64Array;

  constructor(
    readonly communes: readonly HomeCommune[],
    readonly venue: LatLon,
    spread: AudienceSpread,
  ) {
    this.cumulative = new Float64Array(communes.length);
    let total = 0;
    communes.forEach((c, i) => {
      const d = distanceKm(venue, c.centroid);
      total +=
        c.population *
        (spread.local * Math.exp(-d / spread.localKm) +
          spread.regional * Math.exp(-d / spread.regionalKm) +
          spread.national);
      this.cumulative[i] = total;
    });
  }

  /** A commune drawn from the audience's spread, with one of its own postal codes. */
  sample(random: Random): { commune: HomeCommune; postalCode: string } {
    const target = random.float() * this.cumulative[this.cumulative.length - 1]!;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid]! > target) hi = mid;
      else lo = mid + 1;
    }
    const commune = this.communes[lo]!;
    return { commune, postalCode: random.pick(commune.postalCodes) };
  }
}
