// Saved segments and the live count, always inside the tenant's scope.
import { withTenant, type Database } from "@rappel/db";
import { countSegment, parseSegmentRules, type TSegmentRules } from "@rappel/segments";
import { z } from "zod";

export const ZSegmentInput = z.object({
  id: z.uuid().optional(),
  name: z.string().trim().min(1, "name.required").max(120),
  rules: z.unknown(),
});

export interface Scope {
  tenantId: string;
  userId: string;
}

export class SegmentNotFoundError extends Error {
  readonly status = 404;
}

export async function listSegments(db: Database, scope: Scope) {
  return withTenant(db, scope.tenantId, (tx) =>
    tx.segment.findMany({ where: { tenantId: scope.tenantId }, orderBy: { updatedAt: "desc" }, select: { id: true, name: true, updatedAt: true, rules: true } }),
    { userId: scope.userId },
  );
}

export async function getSegment(db: Database, scope: Scope, id: string) {
  const row = await withTenant(db, scope.tenantId, (tx) => tx.segment.findUnique({ where: { tenantId_id: { tenantId: scope.tenantId, id } } }), { userId: scope.userId });
  if (!row) throw new SegmentNotFoundError("segment not found");
  return { ...row, rules: parseSegmentRules(row.rules) };
}

export async function countSegmentRules(db: Database, scope: Scope, rules: TSegmentRules, now = new Date()): Promise<number> {
  return withTenant(db, scope.tenantId, (tx) => countSegment(tx, scope.tenantId, rules, now), { userId: scope.userId, timeoutMs: 30_000 });
}

export async function saveSegment(db: Database, scope: Scope, input: { id?: string; name: string; rules: TSegmentRules }): Promise<string> {
  return withTenant(db, scope.tenantId, async (tx) => {
    if (input.id) {
      const updated = await tx.segment.updateMany({ where: { tenantId: scope.tenantId, id: input.id }, data: { name: input.name, rules: input.rules as object } });
      if (updated.count === 0) throw new SegmentNotFoundError("segment not found");
      return input.id;
    }
    const created = await tx.segment.create({ data: { tenantId: scope.tenantId, name: input.name, rules: input.rules as object, createdById: scope.userId } });
    return created.id;
  }, { userId: scope.userId });
}

/** Choices the rule builder offers (venues, shows, genres, performances, price categories, campaigns, surveys). */
export async function loadRuleChoices(db: Database, scope: Scope) {
  return withTenant(db, scope.tenantId, async (tx) => {
    const [venues, shows, performances, categories, campaigns, surveys] = await Promise.all([
      tx.venue.findMany({ where: { tenantId: scope.tenantId }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
      tx.show.findMany({ where: { tenantId: scope.tenantId }, select: { id: true, title: true, genre: true }, orderBy: { title: "asc" }, take: 500 }),
      tx.performance.findMany({
        where: { tenantId: scope.tenantId }, select: { id: true, startsAt: true, show: { select: { title: true } } }, orderBy: { startsAt: "desc" }, take: 300,
      }),
      tx.$queryRaw<{ c: string }[]>`SELECT DISTINCT price_category AS c FROM rollup_daily_sales WHERE tenant_id = ${scope.tenantId}::uuid ORDER BY 1 LIMIT 100`,
      tx.campaign.findMany({ where: { tenantId: scope.tenantId }, select: { id: true, name: true }, orderBy: { createdAt: "desc" }, take: 100 }),
      tx.survey.findMany({ where: { tenantId: scope.tenantId }, select: { id: true, name: true }, orderBy: { createdAt: "asc" }, take: 100 }),
    ]);
    return {
      venues: venues.map((v) => ({ value: v.id, label: v.name })),
      shows: shows.map((s) => ({ value: s.id, label: s.title })),
      genres: [...new Set(shows.map((s) => s.genre).filter((g): g is string => Boolean(g)))].sort().map((g) => ({ value: g, label: g })),
      performances: performances.map((p) => ({ value: p.id, label: `${p.show.title} — ${p.startsAt.toISOString().slice(0, 16).replace("T", " ")}` })),
      priceCategories: categories.map((c) => ({ value: c.c, label: c.c })),
      campaigns: campaigns.map((c) => ({ value: c.id, label: c.name })),
      surveys: surveys.map((s) => ({ value: s.id, label: s.name })),
    };
  }, { userId: scope.userId });
}
export type TRuleChoices = Awaited<ReturnType<typeof loadRuleChoices>>;
