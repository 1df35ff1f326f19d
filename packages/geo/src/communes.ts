import { departementIndex, type Departement, type Region } from "./departements";
import { loadCentroids2016, loadEtalabCommunes, type LatLon } from "./reference-data";

export interface Commune {
  /** Current INSEE code (Code officiel géographique), e.g. "69123" for Lyon. */
  code: string;
  name: string;
  departement: Departement;
  /** Null for communes of overseas collectivities (Saint-Pierre-et-Miquelon, Polynesia…). */
  region: Region | null;
  /** La Poste postal codes of the commune (Lyon has nine). */
  postalCodes: readonly string[];
  population: number | null;
  /**
   * WGS84 centroid from the shipped 2016 centroids. For a commune merged since 2016 it is the
   * mean of its former communes' centroids (their areas are not shipped, so unweighted).
   * Null for the few communes with no 2016 counterpart (a handful re-created since, and the
   * overseas collectivities, which the file does not cover).
   */
  centroid: LatLon | null;
}

interface CommuneIndex {
  byCode: Map<string, Commune>;
  /** Former, delegated, associated and arrondissement codes → current commune code. */
  aliases: Map<string, string>;
  /** Postal code → communes, most populous first. */
  byPostalCode: Map<string, Commune[]>;
}

let index: CommuneIndex | undefined;

function communeIndex(): CommuneIndex {
  if (index) return index;
  const { departements } = departementIndex();
  const centroids = loadCentroids2016();
  const records = loadEtalabCommunes();

  const byCode = new Map<string, Commune>();
  const memberCodes = new Map<string, Set<string>>();
  for (const r of records) {
    if (r.type !== "commune-actuelle") continue;
    const departement = departements.get(r.departement);
    if (!departement) throw new Error(`@etalab/decoupage-administratif: commune ${r.code} has unknown département ${r.departement}`);
    memberCodes.set(r.code, new Set([r.code, ...(r.anciensCodes ?? [])]));
    byCode.set(r.code, {
      code: r.code,
      name: r.nom,
      departement,
      region: departement.region,
      postalCodes: r.codesPostaux ?? [],
      population: r.population ?? null,
      centroid: null,
    });
  }

  const aliases = new Map<string, string>();
  const alias = (from: string, to: string) => {
    if (!byCode.has(from) && !aliases.has(from) && byCode.has(to)) aliases.set(from, to);
  };
  for (const r of records) {
    if (r.type === "arrondissement-municipal" && r.commune) alias(r.code, r.commune);
    if ((r.type === "commune-deleguee" || r.type === "commune-associee") && r.chefLieu) {
      alias(r.code, r.chefLieu);
      memberCodes.get(r.chefLieu)?.add(r.code);
    }
  }
  for (const r of records) {
    if (r.type === "commune-actuelle") for (const old of r.anciensCodes ?? []) alias(old, r.code);
  }

  for (const [code, members] of memberCodes) {
    const points = [...members].map((m) => centroids.get(m)).filter((p): p is LatLon => p !== undefined);
    const commune = byCode.get(code);
    if (commune && points.length > 0) commune.centroid = meanPoint(points.map((p) => ({ point: p, weight: 1 })));
  }

  const byPostalCode = new Map<string, Commune[]>();
  for (const commune of byCode.values()) {
    for (const pc of commune.postalCodes) {
      const list = byPostalCode.get(pc);
      if (list) list.push(commune);
      else byPostalCode.set(pc, [commune]);
    }
  }
  for (const list of byPostalCode.values()) list.sort((a, b) => (b.population ?? 0) - (a.population ?? 0));

  index = { byCode, aliases, byPostalCode };
  return index;
}

function meanPoint(weighted: { point: LatLon; weight: number }[]): LatLon | null {
  let total = 0;
  let lat = 0;
  let lon = 0;
  for (const { point, weight } of weighted) {
    total += weight;
    lat += point.lat * weight;
    lon += point.lon * weight;
  }
  // Plain lat/lon averaging is fine at the scale of a commune or a postal code (a few tens of km).
  return total > 0 ? { lat: round5(lat / total), lon: round5(lon / total) } : null;
}

const round5 = (x: number) => Math.round(x * 1e5) / 1e5;

function normalisePostalCode(pc: string): string | null {
  const compact = pc.replace(/\s+/g, "");
  return /^\d{5}$/.test(compact) ? compact : null;
}

/**
 * Current communes served by a French postal code, most populous first. A postal code often
 * covers several communes, sometimes in two départements (13780: Cuges-les-Pins in 13 and
 * Riboux in 83), so a département is never derived from its first digits. Unknown or malformed
 * codes give an empty list. Paris, Lyon and Marseille postal codes give the whole commune
 * (75056, 69123, 13055): the centroid file has no arrondissement points.
 */
export function communesForPostalCode(pc: string): readonly Readonly<Commune>[] {
  const code = normalisePostalCode(pc);
  return (code && communeIndex().byPostalCode.get(code)) || [];
}

/**
 * The current commune for an INSEE code. Besides current codes it resolves codes of communes
 * merged into another (delegated or associated communes, `anciensCodes`) and arrondissements
 * municipaux ("69381" → Lyon), so addresses keyed by an old code still land somewhere real.
 */
export function communeByCode(code: string): Readonly<Commune> | undefined {
  const { byCode, aliases } = communeIndex();
  const key = code.trim().toUpperCase();
  return byCode.get(key) ?? byCode.get(aliases.get(key) ?? "");
}

/**
 * A single point for a postal code: the mean of its communes' centroids weighted by population,
 * each commune's population split evenly across its postal codes (Lyon's 519,000 people count
 * ~58,000 per code). Weighted because spectators live where people live: a code covering a town
 * and four hamlets should point near the town, and for distance KPIs the weighted mean is the
 * expected position of a resident. Falls back to an unweighted mean when populations are
 * missing; null for unknown codes or communes without centroid.
 */
export function centroidForPostalCode(pc: string): LatLon | null {
  const weighted = communesForPostalCode(pc).flatMap((c) =>
    c.centroid ? [{ point: c.centroid, weight: (c.population ?? 0) / Math.max(1, c.postalCodes.length) }] : [],
  );
  if (weighted.length === 0) return null;
  return meanPoint(weighted) ?? meanPoint(weighted.map((w) => ({ point: w.point, weight: 1 })));
}
