// When a campaign starts: the form's "now or at a Paris date and time", and the changes allowed
// while it waits (reschedule, unschedule back to draft). Each change locks the campaign row and
// requires it still "scheduled", and the worker's launch locks the same row: a change either
// happens before the launch (which then sees it) or fails with "not_scheduled" — never both.
import { parseScheduleTime } from "@rappel/campaigns";
import { appendAuditEntry, Prisma, withTenant, type Database, type Tx } from "@rappel/db";
import { z } from "zod";
import { CampaignError } from "./campaigns";
import type { Scope } from "./segments";

export const ZScheduleForm = z.discriminatedUnion("sendMode", [
  z.object({ sendMode: z.literal("now") }),
  z.object({ sendMode: z.literal("later"), scheduleDate: z.string().trim().max(20), scheduleTime: z.string().trim().max(10) }),
]);

/** The form's choice: undefined for "now", else the instant (Paris wall clock, strictly after `now`). */
export function readScheduleForm(formData: FormData, now: Date): Date | undefined {
  const parsed = ZScheduleForm.safeParse({
    sendMode: formData.get("sendMode") ?? "now", scheduleDate: formData.get("scheduleDate") ?? "", scheduleTime: formData.get("scheduleTime") ?? "",
  });
  if (!parsed.success) throw new CampaignError("schedule_invalid");
  if (parsed.data.sendMode === "now") return undefined;
  return scheduleInstant(parsed.data.scheduleDate, parsed.data.scheduleTime, now);
}

export function scheduleInstant(date: string, time: string, now: Date): Date {
  const result = parseScheduleTime(date, time, now);
  if (!result.ok) throw new CampaignError(`schedule_${result.problem}`);
  return result.at;
}

async function lockScheduled(tx: Tx, scope: Scope, id: string): Promise<{ scheduledAt: Date | null }> {
  const [row] = await tx.$queryRaw<{ status: string; scheduled_at: Date | null }[]>(Prisma.sql`
    SELECT status::text AS status, scheduled_at FROM campaign WHERE tenant_id = ${scope.tenantId}::uuid AND id = ${id}::uuid FOR UPDATE`);
  if (!row) throw new CampaignError("not_found", 404);
  if (row.status !== "scheduled") throw new CampaignError("not_scheduled", 409);
  return { scheduledAt: row.scheduled_at };
}

export async function rescheduleCampaign(db: Database, scope: Scope, id: string, at: Date, now = new Date()): Promise<void> {
  if (at.getTime() <= now.getTime()) throw new CampaignError("schedule_past");
  await withTenant(db, scope.tenantId, async (tx) => {
    const before = await lockScheduled(tx, scope, id);
    await tx.campaign.update({ where: { tenantId_id: { tenantId: scope.tenantId, id } }, data: { scheduledAt: at } });
    await appendAuditEntry(tx, scope.tenantId, {
      actorUserId: scope.userId, actorKind: "staff", action: "campaign.reschedule", targetType: "campaign", targetId: id,
      details: { from: before.scheduledAt?.toISOString() ?? null, to: at.toISOString() },
    });
  }, { userId: scope.userId });
}

/** Back to draft: editable again, and the sweep no longer launches it. */
export async function unscheduleCampaign(db: Database, scope: Scope, id: string): Promise<void> {
  await withTenant(db, scope.tenantId, async (tx) => {
    const before = await lockScheduled(tx, scope, id);
    await tx.campaign.update({ where: { tenantId_id: { tenantId: scope.tenantId, id } }, data: { status: "draft", scheduledAt: null } });
    await appendAuditEntry(tx, scope.tenantId, {
      actorUserId: scope.userId, actorKind: "staff", action: "campaign.unschedule", targetType: "campaign", targetId: id,
      details: { was: before.scheduledAt?.toISOString() ?? null },
    });
  }, { userId: scope.userId });
}
