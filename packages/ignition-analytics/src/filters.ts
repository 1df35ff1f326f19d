// Dashboard filters as they travel in the URL, so a view can be shared. The tenant is never a
// filter: it comes from the signed-in user's membership, resolved by the caller.
import { z } from "zod";
import { addDays, daysBetween, isIsoDay, minusOneYear, parisDay, seasonOf, type IsoDay } from "./calendar";

export const SALES_CHANNELS = ["box_office", "web", "phone", "reseller", "partner"] as const;
export type TSalesChannel = (typeof SALES_CHANNELS)[number];

/** Guards against absurd ranges that would make every query scan the whole history. */
export const MAX_PERIOD_DAYS = 3_660;

// An empty query-string value ("?venueId=") means "no filter", not an invalid one.
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === "" || v === null ? undefined : v), schema.optional());

const ZIsoDay = z.string().refine(isIsoDay, { message: "expected a date as yyyy-mm-dd" });

/** Filters as read from the URL; the period may be absent (the current season is used). */
export const ZDashboardFilters = z
  .object({
    from: optional(ZIsoDay),
    to: optional(ZIsoDay),
    basis: optional(z.enum(["performance", "sale"])).transform((v) => v ?? "performance"),
    venueId: optional(z.guid()),
    showId: optional(z.guid()),
    genre: optional(z.string().trim().min(1).max(64)),
    salesChannel: optional(z.enum(SALES_CHANNELS)),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: "the period ends before it starts", path: ["to"] })
  .refine((f) => !f.from || !f.to || daysBetween(f.from, f.to) < MAX_PERIOD_DAYS, {
    message: `the period may not exceed ${MAX_PERIOD_DAYS} days`,
    path: ["to"],
  });

export type TDashboardFiltersInput = z.infer<typeof ZDashboardFilters>;

/** Filters with the period resolved: what every query takes. */
export interface TDashboardFilters extends Omit<TDashboardFiltersInput, "from" | "to"> {
  from: IsoDay;
  to: IsoDay;
}

export interface TPeriod {
  from: IsoDay;
  to: IsoDay;
}

type SearchParamsLike = URLSearchParams | Record<string, string | string[] | undefined>;

function firstValues(params: SearchParamsLike): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  if (params instanceof URLSearchParams) {
    for (const key of params.keys()) out[key] ??= params.get(key) ?? undefined;
    return out;
  }
  for (const [key, value] of Object.entries(params)) out[key] = Array.isArray(value) ? value[0] : value;
  return out;
}

/** Fills in a missing bound from the season (1 Sept – 31 Aug, Europe/Paris) around the other bound or today. */
export function resolveFilters(input: TDashboardFiltersInput, now: Date): TDashboardFilters {
  const anchor = input.from ?? input.to ?? parisDay(now);
  const season = seasonOf(anchor);
  const from = input.from ?? (input.to ? seasonOf(input.to).from : season.from);
  const to = input.to ?? season.to;
  if (from > to) throw new z.ZodError([{ code: "custom", message: "the period ends before it starts", path: ["to"], input: to }]);
  return { ...input, from, to };
}

/** Parses URL search params (Next.js `searchParams` or URLSearchParams); throws a ZodError on bad input. */
export function parseDashboardFilters(params: SearchParamsLike, now: Date): TDashboardFilters {
  return resolveFilters(ZDashboardFilters.parse(firstValues(params)), now);
}

/** The URL search params that reproduce these filters (for shareable links). */
export function toSearchParams(filters: TDashboardFilters): URLSearchParams {
  const out = new URLSearchParams({ from: filters.from, to: filters.to });
  if (filters.basis !== "performance") out.set("basis", filters.basis);
  for (const key of ["venueId", "showId", "genre", "salesChannel"] as const) {
    const value = filters[key];
    if (value) out.set(key, value);
  }
  return out;
}

/** Length of a period in days, both ends included. */
export function periodDays(p: TPeriod): number {
  return daysBetween(p.from, p.to) + 1;
}

/** The period of the same length that ends the day before this one starts. */
export function previousPeriod(p: TPeriod): TPeriod {
  const length = periodDays(p);
  return { from: addDays(p.from, -length), to: addDays(p.from, -1) };
}

/** The same calendar dates one year earlier. */
export function lastSeasonPeriod(p: TPeriod): TPeriod {
  return { from: minusOneYear(p.from), to: minusOneYear(p.to) };
}
