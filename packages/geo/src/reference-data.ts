// Loads the reference files once per process, on first use. Nothing here is exported from the
// package: callers use the typed look-ups in communes.ts and departements.ts.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

// Files are located from this module's path with plain fs calls. Not `new URL(…, import.meta.url)`
// nor `require.resolve`: Next's Turbopack rewrites those into asset/module references when the web
// app bundles this package (packages/db/src/paths.ts hit the same).
const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const dataFile = (name: string) => join(packageDir, "data", name);

let etalabDir: string | undefined;

// `@etalab/decoupage-administratif`'s index.js reads `./data/*.json` relative to the *current
// working directory*, so requiring the package only works from its own folder. Its data files are
// read directly instead, found the way Node looks up node_modules (this folder, then parents).
function readEtalab(file: "communes" | "departements" | "regions"): unknown {
  if (!etalabDir) {
    for (let dir = packageDir; ; dir = dirname(dir)) {
      const candidate = join(dir, "node_modules", "@etalab", "decoupage-administratif", "data");
      if (existsSync(candidate)) {
        etalabDir = candidate;
        break;
      }
      if (dirname(dir) === dir) throw new Error("@rappel/geo: @etalab/decoupage-administratif is not installed");
    }
  }
  return JSON.parse(readFileSync(join(etalabDir, `${file}.json`), "utf8"));
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
  const text = readFileSync(dataFile("communes-centroids.csv"), "utf8");
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
  return readFileSync(dataFile("departements.geojson"), "utf8");
}
