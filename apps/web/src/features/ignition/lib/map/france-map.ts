// The outline map of France drawn on the server: metropolitan France (Corsica included) with a
// Lambert conformal conic projection (the one IGN uses for Lambert-93), and the five overseas
// départements as insets, each with its own small projection, stacked in a column on the right.
// The geometry never changes, so the SVG paths are computed once per process.
import { geoConicConformal, geoMercator, geoPath, type GeoPermissibleObjects, type GeoProjection, type GeoStream } from "d3-geo";
import { departementsGeoJson, type DepartementFeature } from "@rappel/geo";

export const MAP_WIDTH = 640;
export const MAP_HEIGHT = 560;
const PAD = 8;

/** The overseas départements drawn as insets, top to bottom. */
export const OVERSEAS_CODES = ["971", "972", "973", "974", "976"] as const;

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const MAINLAND_BOX: Box = { x: PAD, y: PAD, width: 512, height: MAP_HEIGHT - 2 * PAD };

const INSET_X = MAINLAND_BOX.x + MAINLAND_BOX.width + 12;
const INSET_GAP = 8;
const INSET_HEIGHT = (MAP_HEIGHT - 2 * PAD - INSET_GAP * (OVERSEAS_CODES.length - 1)) / OVERSEAS_CODES.length;
/** Room left at the top of an inset for its name. */
const INSET_LABEL = 16;

export interface InsetFrame extends Box {
  code: string;
  name: string;
}

export interface MapShape {
  code: string;
  name: string;
  /** SVG path data in map coordinates. */
  d: string;
  /** [[x0, y0], [x1, y1]] of the drawn shape. */
  bounds: [[number, number], [number, number]];
  inset: boolean;
}

export interface FranceMap {
  width: number;
  height: number;
  shapes: MapShape[];
  insets: InsetFrame[];
}

/**
 * Drops points closer than `minDistance` (map units ≈ px) to the last one kept: the boundaries
 * are far more detailed than a 500-px map shows, and every point is bytes in the page.
 */
function decimate(minDistance: number, out: GeoStream): GeoStream {
  let lastX = 0;
  let lastY = 0;
  let first = true;
  let pending: [number, number] | null = null;
  const min2 = minDistance * minDistance;
  return {
    point(x, y) {
      const dx = x - lastX;
      const dy = y - lastY;
      if (first || dx * dx + dy * dy >= min2) {
        out.point(x, y);
        lastX = x;
        lastY = y;
        first = false;
        pending = null;
      } else {
        pending = [x, y];
      }
    },
    lineStart() {
      first = true;
      pending = null;
      out.lineStart();
    },
    lineEnd() {
      // Keep a ring's last point so its shape closes where it should.
      if (pending) out.point(pending[0], pending[1]);
      out.lineEnd();
    },
    polygonStart: () => out.polygonStart(),
    polygonEnd: () => out.polygonEnd(),
    sphere: () => out.sphere?.(),
  };
}

function pathFor(projection: GeoProjection) {
  const simplified = { stream: (s: GeoStream) => projection.stream(decimate(1.5, s)) };
  return geoPath(simplified).digits(0);
}

function collection(features: readonly DepartementFeature[]): GeoPermissibleObjects {
  return { type: "FeatureCollection", features: features as DepartementFeature[] } as GeoPermissibleObjects;
}

function fitted(projection: GeoProjection, box: Box, object: GeoPermissibleObjects): GeoProjection {
  return projection.fitExtent(
    [
      [box.x, box.y],
      [box.x + box.width, box.y + box.height],
    ],
    object,
  );
}

/** The mainland projection: Lambert conformal conic, standard parallels 44° N and 49° N, centred on 3° E. */
export function mainlandProjection(): GeoProjection {
  const mainland = departementsGeoJson().features.filter((f) => !(OVERSEAS_CODES as readonly string[]).includes(f.properties.code));
  return fitted(geoConicConformal().parallels([44, 49]).rotate([-3, 0]), MAINLAND_BOX, collection(mainland));
}

export function insetFrames(): InsetFrame[] {
  const byCode = new Map(departementsGeoJson().features.map((f) => [f.properties.code, f]));
  return OVERSEAS_CODES.map((code, i) => ({
    code,
    name: byCode.get(code)?.properties.nom ?? code,
    x: INSET_X,
    y: PAD + i * (INSET_HEIGHT + INSET_GAP),
    width: MAP_WIDTH - PAD - INSET_X,
    height: INSET_HEIGHT,
  }));
}

function shape(feature: DepartementFeature, projection: GeoProjection, inset: boolean): MapShape {
  const path = pathFor(projection);
  const bounds = path.bounds(feature as GeoPermissibleObjects);
  return { code: feature.properties.code, name: feature.properties.nom, d: path(feature as GeoPermissibleObjects) ?? "", bounds, inset };
}

function buildFranceMap(): FranceMap {
  const features = departementsGeoJson().features;
  const mainland = mainlandProjection();
  const insets = insetFrames();
  const shapes: MapShape[] = [];
  for (const feature of features) {
    const frame = insets.find((f) => f.code === feature.properties.code);
    if (!frame) {
      shapes.push(shape(feature, mainland, false));
      continue;
    }
    // Each overseas département gets its own Mercator fitted inside its frame, below the label.
    const inner: Box = { x: frame.x + 6, y: frame.y + INSET_LABEL + 2, width: frame.width - 12, height: frame.height - INSET_LABEL - 8 };
    shapes.push(shape(feature, fitted(geoMercator(), inner, feature as GeoPermissibleObjects), true));
  }
  return { width: MAP_WIDTH, height: MAP_HEIGHT, shapes, insets };
}

let cached: FranceMap | undefined;

/** The map's shapes and inset frames, computed on first use and kept for the process's life. */
export function getFranceMap(): FranceMap {
  cached ??= buildFranceMap();
  return cached;
}
