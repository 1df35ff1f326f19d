// The dashboard's state lives in the URL so any view can be shared: the analytics filters
// (period, basis, venue, show, genre, channel) plus what each screen shows (granularity,
// breakdown dimension, map metric, curve comparison, target fill rate). Bad values never break
// the page: they fall back to the defaults and the problem is reported.
import { z } from "zod";
import {
  ZBreakdownDimension,
  ZGeoMetric,
  ZGranularity,
  parseDashboardFilters,
  resolveFilters,
  toSearchParams,
  type TDashboardFilters,
} from "@rappel/ignition-analytics";

export type SearchParams = Record<string, string | string[] | undefined>;

function first(value: string | string[] | undefined): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v === "" ? undefined : v;
}

function all(value: string | string[] | undefined): string[] {
  return (Array.isArray(value) ? value : value ? [value] : []).filter((v) => v !== "");
}

export interface FilterState {
  filters: TDashboardFilters;
  /** The URL's filters were invalid and the defaults are shown instead. */
  invalid: boolean;
}

/** Reads the filters from the URL; invalid ones give the current season's defaults and `invalid`. */
export function readFilters(params: SearchParams, now: Date): FilterState {
  try {
    return { filters: parseDashboardFilters(params, now), invalid: false };
  } catch (error) {
    if (!(error instanceof z.ZodError)) throw error;
    return { filters: resolveFilters({ basis: "performance" }, now), invalid: true };
  }
}

export const ZViewParams = z.object({
  granularity: ZGranularity.catch("week"),
  dim: ZBreakdownDimension.catch("show"),
  metric: ZGeoMetric.catch("spectators"),
});
export type TViewParams = z.infer<typeof ZViewParams>;

export function readViewParams(params: SearchParams): TViewParams {
  return ZViewParams.parse({ granularity: first(params.granularity), dim: first(params.dim), metric: first(params.metric) });
}

/** How a performance's curve is compared: with chosen performances, or an average of similar ones. */
export const COMPARE_MODES = ["performances", "same-show-average", "same-genre-average"] as const;
export type TCompareMode = (typeof COMPARE_MODES)[number];

export const MAX_COMPARED = 4;

export interface CurveParams {
  compare: TCompareMode;
  /** Up to 4 other performances (mode "performances"). */
  with: string[];
  /** Target fill rate in percent (1–100). */
  target: number;
}

const ZCurveParams = z.object({
  compare: z.enum(COMPARE_MODES).catch("same-show-average"),
  with: z.array(z.guid()).catch([]),
  target: z.coerce.number().int().min(1).max(100).catch(90),
});

export function readCurveParams(params: SearchParams, performanceId: string): CurveParams {
  const parsed = ZCurveParams.parse({ compare: first(params.compare), with: all(params.with), target: first(params.target) ?? 90 });
  // The performance itself is never its own comparison; duplicates count once.
  const others = [...new Set(parsed.with.map((id) => id.toLowerCase()))].filter((id) => id !== performanceId.toLowerCase());
  return { ...parsed, with: others.slice(0, MAX_COMPARED) };
}

/** Query-string entries: undefined drops the key, an array repeats it. */
export type QueryExtras = Record<string, string | number | readonly string[] | undefined>;

/** A dashboard URL keeping the current filters, with screen-specific parameters added. */
export function dashboardHref(path: string, filters: TDashboardFilters, extras: QueryExtras = {}): string {
  const query = toSearchParams(filters);
  for (const [key, value] of Object.entries(extras)) {
    if (value === undefined) query.delete(key);
    else if (Array.isArray(value)) {
      query.delete(key);
      for (const v of value) query.append(key, v);
    } else query.set(key, String(value)); // in place: the URL keeps its order
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/** The base path of the tenant's Ignition area. */
export function ignitionPath(tenantSlug: string, ...segments: string[]): string {
  return ["", "t", tenantSlug, "ignition", ...segments].join("/");
}
