// The optional "promoted performance" of a campaign (e-mail or SMS): the worker stops the campaign
// once that performance is sold out or cancelled. Shared by both editors: the form field, the
// choices offered, and the server-side check of a chosen id.
import { type Database, type Tx, withTenant } from "@rappel/db";
import { z } from "zod";
import { CampaignError } from "./campaign-error";
import type { Scope } from "./segments";

/** Form value: a performance id, or empty for none. */
export const ZPromotedPerformanceId = z.uuid().optional().or(z.literal("").transform(() => undefined));

/** Only a performance still to come and not cancelled can be picked; the one already chosen stays possible. */
const promotable = (tenantId: string, current: string | null, now: Date) => ({
  tenantId, OR: [{ startsAt: { gte: now }, status: { not: "cancelled" as const } }, ...(current ? [{ id: current }] : [])],
});

/** The choices the editor offers, soonest first. */
export async function listPromotablePerformances(db: Database, scope: Scope, current: string | null, now = new Date()) {
  return withTenant(db, scope.tenantId, (tx) => tx.performance.findMany({
    where: promotable(scope.tenantId, current, now),
    select: { id: true, startsAt: true, show: { select: { title: true } } }, orderBy: { startsAt: "asc" }, take: 300,
  }), { userId: scope.userId });
}

/**
 * Refuses a performance the editor would not offer: another tenant's or unknown (RLS hides it,
 * there is no foreign key on the column), past, or cancelled. Keeping the current choice is allowed.
 */
export async function checkPromotedPerformance(tx: Tx, tenantId: string, chosen: string | undefined, current: string | null, now = new Date()): Promise<void> {
  if (!chosen || chosen === current) return;
  const found = await tx.performance.findFirst({ where: { tenantId, id: chosen }, select: { startsAt: true, status: true } });
  if (!found) throw new CampaignError("promoted_performance_unknown");
  if (found.status === "cancelled" || found.startsAt < now) throw new CampaignError("promoted_performance_unavailable");
}
