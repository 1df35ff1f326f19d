// Server-side reads for the Ignition screens. Each screen runs its independent queries in a few
// tenant-scoped transactions at once: one transaction holds one connection, and a connection
// runs one query at a time, so parallel work needs separate transactions (each sets the tenant
// for row-level security first).
import { withTenant, type Tx } from "@rappel/db";
import { parisInstant, type TDashboardFilters } from "@rappel/ignition-analytics";
import { getDb } from "@/server/db";

export interface TenantScope {
  tenantId: string;
  userId: string;
}

/** Runs `work` in its own transaction scoped to the tenant (row-level security on). */
export function inTenant<T>(scope: TenantScope, work: (tx: Tx) => Promise<T>): Promise<T> {
  return withTenant(getDb(), scope.tenantId, work, { userId: scope.userId });
}

/** True once the tenant has any sale in its rollups (else the screens show the first-use state). */
export async function hasTicketingData(tx: Tx, tenantId: string): Promise<boolean> {
  const row = await tx.rollupDailySales.findFirst({ where: { tenantId }, select: { day: true } });
  return row !== null;
}

export interface FilterOptions {
  venues: { id: string; name: string }[];
  shows: { id: string; title: string }[];
  genres: string[];
}

/**
 * What the filter form offers: every venue, the genres in use, and the shows playing in the
 * period (plus the selected one, so a shared link keeps its choice visible).
 */
export async function loadFilterOptions(tx: Tx, tenantId: string, filters: TDashboardFilters): Promise<FilterOptions> {
  const start = parisInstant(`${filters.from}T00:00`);
  const end = parisInstant(`${filters.to}T23:59`);
  const [venues, shows, genres] = await Promise.all([
    tx.venue.findMany({ where: { tenantId }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
    tx.show.findMany({
      where: {
        tenantId,
        OR: [{ performances: { some: { startsAt: { gte: start, lte: end } } } }, ...(filters.showId ? [{ id: filters.showId }] : [])],
      },
      select: { id: true, title: true },
      orderBy: { title: "asc" },
    }),
    tx.show.findMany({ where: { tenantId, genre: { not: null } }, select: { genre: true }, distinct: ["genre"], orderBy: { genre: "asc" } }),
  ]);
  return { venues, shows, genres: genres.flatMap((g) => (g.genre ? [g.genre] : [])) };
}

export interface PerformanceHeading {
  id: string;
  startsAt: Date;
  status: string;
  showId: string;
  showTitle: string;
  genre: string | null;
  venueName: string;
}

/** A performance of this tenant (null when it is not one: the page then answers 404). */
export async function loadPerformanceHeading(tx: Tx, tenantId: string, performanceId: string): Promise<PerformanceHeading | null> {
  const p = await tx.performance.findFirst({
    where: { tenantId, id: performanceId },
    select: { id: true, startsAt: true, status: true, show: { select: { id: true, title: true, genre: true } }, venue: { select: { name: true } } },
  });
  if (!p) return null;
  return { id: p.id, startsAt: p.startsAt, status: p.status, showId: p.show.id, showTitle: p.show.title, genre: p.show.genre, venueName: p.venue.name };
}

export async function loadShowHeading(tx: Tx, tenantId: string, showId: string): Promise<{ id: string; title: string; genre: string | null } | null> {
  return tx.show.findFirst({ where: { tenantId, id: showId }, select: { id: true, title: true, genre: true } });
}
