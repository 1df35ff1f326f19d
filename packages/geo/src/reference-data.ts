// Loads the reference files once per process, on first use. Nothing here is exported from the
// package: callers use the typed look-ups in communes.ts and departements.ts.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { z } from "zod";

const require = createRequire(import.meta.url);

// `@etalab/decoupage-administratif`'s index.js reads `./data/*.json` relative to the *current
// working directory*, so requiring the package only works from its own folder. Read the data
// files by their resolved path instead.
function readEtalab(file: "communes" | "departements" | "regions"): unknown {
  const path = require.resolve(`@etalab/decoupage-administratif/data/${file}.json`);
  return JSON.parse(readFileSync(path, "utf8"));
}

const ZEtalabCommune = z.object({
  code: z.string(),
  nom: z.string(),
  type: z.enum(["commune-actuelle", "commune-deleguee", "commune-associee", "arrondissement-municipal"]),
  departement: z.string(),
  region: z.string(),
  codesPostaux: z.array(z.string()).optional(),
  population: z.number().optional(),
  anciensCodes: z.array(z.string()).optional(),
  // Set on delegated/associated communes: the current commune they belong to.
  chefLieu: z.string().optional(),
  // Set on arrondissements municipaux (Paris, Lyon, Marseille): the commune they belong to.
  commune: z.string().optional(),
});
export type EtalabCommune = z.infer<typeof ZEtalabCommune>;

const ZEtalabDepartement = z.object({
  code: z.string(),
  nom: z.string(),
  region: z.string(),
  chefLieu: z.string(),
  zone: z.string(),
});
export type EtalabDepartement = z.infer<typeof ZEtalabDepartement>;

const ZEtalabRegion = z.object({
  code: z.string(),
  nom: z.string(),
  chefLieu: z.string(),
  zone: z.string(),
});
export type EtalabRegion = z.infer<typeof ZEtalabRegion>;

export function loadEtalabCommunes(): EtalabCommune[] {
  return z.array(ZEtalabCommune).parse(readEtalab("communes"));
}

export function loadEtalabDepartements(): EtalabDepartement[] {
  return z.array(ZEtalabDepartement).parse(readEtalab("departements"));
}

export function loadEtalabRegions(): EtalabRegion[] {
  return z.array(ZEtalabRegion).parse(readEtalab("regions"));
}

export interface LatLon {
  lat: number;
  lon: number;
}

/** Commune centroids keyed by INSEE code (2016 geography), from the shipped CSV. */
export function loadCentroids2016(): Map<string, LatLon> {
  const text = readFileSync(new URL("../data/communes-centroids.csv", import.meta.url), "utf8");
  const centroids = new Map<string, LatLon>();
  const lines = text.split("\n");
  // The file is ours, generated without quotes or commas in names (a test checks the shape), so
  // a split is exact here; imports of third-party CSV go through csv-parse instead.
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (!line) continue;
    const [code, , , lat, lon] = line.split(",");
    if (!code || lat === undefined || lon === undefined) throw new Error(`communes-centroids.csv: bad line ${i + 1}`);
    centroids.set(code, { lat: Number(lat), lon: Number(lon) });
  }
  return centroids;
}

export function readDepartementsGeoJsonText(): string {
  return readFileSync(new URL("../data/departements.geojson", import.meta.url), "utf8");
}
