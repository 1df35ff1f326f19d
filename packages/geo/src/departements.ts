import { loadEtalabDepartements, loadEtalabRegions, readDepartementsGeoJsonText } from "./reference-data";

/** Where a département sits: metropolitan France, overseas département-région, or overseas collectivity. */
export type Zone = "metro" | "drom" | "com";

export interface Region {
  /** INSEE code, e.g. "84" (Auvergne-Rhône-Alpes), "04" (La Réunion). */
  code: string;
  name: string;
  zone: Zone;
  departementCodes: readonly string[];
}

export interface Departement {
  /** INSEE code: "01"…"95", "2A"/"2B" for Corsica, "971"…"976" overseas, "975"/"977"/… for overseas collectivities. */
  code: string;
  name: string;
  zone: Zone;
  /** Null for overseas collectivities (975, 977, 978, 984, 986–989), which belong to no région. */
  region: Region | null;
}

interface DepartementIndex {
  departements: Map<string, Departement>;
  regions: Map<string, Region>;
  /** The 101 départements (metropolitan, Corsica, DROM), in INSEE order. */
  list: readonly Departement[];
}

let index: DepartementIndex | undefined;

function asZone(zone: string): Zone {
  if (zone === "metro" || zone === "drom" || zone === "com") return zone;
  throw new Error(`@etalab/decoupage-administratif: unknown zone ${zone}`);
}

export function departementIndex(): DepartementIndex {
  if (index) return index;
  const regions = new Map<string, Region>();
  const departementCodesByRegion = new Map<string, string[]>();
  for (const r of loadEtalabRegions()) {
    // The file lists each overseas collectivity as its own pseudo-région; they are not régions.
    if (r.zone === "com") continue;
    const codes: string[] = [];
    departementCodesByRegion.set(r.code, codes);
    regions.set(r.code, { code: r.code, name: r.nom, zone: asZone(r.zone), departementCodes: codes });
  }
  const departements = new Map<string, Departement>();
  for (const d of loadEtalabDepartements()) {
    const region = regions.get(d.region) ?? null;
    departementCodesByRegion.get(d.region)?.push(d.code);
    departements.set(d.code, { code: d.code, name: d.nom, zone: asZone(d.zone), region });
  }
  const list = [...departements.values()].filter((d) => d.region !== null);
  index = { departements, regions, list };
  return index;
}

/** A département by INSEE code ("69", "2A", "974"); undefined when unknown. "20" (pre-1976 Corsica) is unknown on purpose. */
export function departementByCode(code: string): Departement | undefined {
  return departementIndex().departements.get(code.trim().toUpperCase());
}

/** A région by INSEE code ("84", "94" for Corse, "04" for La Réunion); undefined when unknown. */
export function regionByCode(code: string): Region | undefined {
  return departementIndex().regions.get(code.trim());
}

/** The 101 départements: metropolitan (incl. Corsica 2A/2B) and overseas 971–974, 976. */
export function listDepartements(): readonly Departement[] {
  return departementIndex().list;
}

/** The 18 régions of France (13 metropolitan, 5 overseas). */
export function listRegions(): readonly Region[] {
  return [...departementIndex().regions.values()];
}

export interface DepartementFeature {
  type: "Feature";
  properties: { code: string; nom: string };
  geometry:
    | { type: "Polygon"; coordinates: number[][][] }
    | { type: "MultiPolygon"; coordinates: number[][][][] };
}

export interface DepartementsFeatureCollection {
  type: "FeatureCollection";
  features: DepartementFeature[];
}

let geoJson: DepartementsFeatureCollection | undefined;

/**
 * Boundaries of the 101 départements (simplified, ~260 KB), overseas ones at their true
 * coordinates (draw them as insets). The rings are wound the way d3-geo expects (spherical,
 * clockwise exterior): `d3.geoPath` draws them as they are, while tools that follow RFC 7946
 * (counter-clockwise exterior, e.g. @turf/rewind users, some web-map libraries) must rewind first.
 * The object is shared and frozen: copy it before changing anything.
 */
export function departementsGeoJson(): DepartementsFeatureCollection {
  geoJson ??= deepFreeze(JSON.parse(readDepartementsGeoJsonText()) as DepartementsFeatureCollection);
  return geoJson;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
