// Sends the invitations (or reminders) of one plan, exactly once each. Sending is claimed in
// PostgreSQL before the SMTP conversation (status scheduled → sending, or reminded_at set) in its
// own committed transaction, so a retry or a second worker never sends the same invitation again.
// A crash between the claim and the SMTP reply leaves the invitation "sending": it is not sent a
// second time (at most once; the row shows what happened). Transient SMTP failures give the claim
// back so the next run retries; permanent ones mark the invitation bounced and the person
// hard-bounced for later surveys.
import { randomUUID } from "node:crypto";
import { Prisma, withTenant, type Database } from "@rappel/db";
import { classifySmtpError } from "@rappel/mail";
import type { SpectatorIdentityCodec } from "@rappel/personal-data";
import { createInvitationToken } from "@rappel/survey";
import type { SurveyKeys } from "@rappel/survey/store";
import type { Logger } from "../logger";
import { renderInvitationEmail, type InvitationPerformance } from "./survey-email";
import { SmtpNotConfiguredError, type SurveyServices } from "./survey-services";

const CLAIM_BATCH = 500;

export interface SendContext {
  db: Database;
  services: SurveyServices;
  codec: SpectatorIdentityCodec;
  keys: Pick<SurveyKeys, "tokenKey">;
  tenantId: string;
  tenantName: string;
  tenantSlug: string;
  surveyId: string;
  performanceId: string;
  brandColour: string;
  now: Date;
  logger: Logger;
}

export interface SendReport {
  sent: number;
  bounced: number;
  retryLater: number;
  noAddress: number;
}

interface Claimed {
  id: string;
  spectatorId: string;
  performanceIds: string[];
  language: string;
}

async function describePerformances(ctx: SendContext, ids: string[], cache: Map<string, InvitationPerformance>): Promise<void> {
  const missing = ids.filter((id) => !cache.has(id));
  if (!missing.length) return;
  const rows = await withTenant(ctx.db, ctx.tenantId, (tx) =>
    tx.performance.findMany({
      where: { tenantId: ctx.tenantId, id: { in: missing } },
      select: { id: true, startsAt: true, show: { select: { title: true } }, venue: { select: { name: true } } },
    }),
  );
  for (const r of rows) cache.set(r.id, { showTitle: r.show.title, venueName: r.venue.name, startsAt: r.startsAt });
}

async function runPool<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await work(item);
    }
  });
  await Promise.all(lanes);
}

export async function sendPlanInvitations(ctx: SendContext, kind: "initial" | "reminder"): Promise<SendReport> {
  const mail = ctx.services.mail;
  if (!mail) throw new SmtpNotConfiguredError();
  const report: SendReport = { sent: 0, bounced: 0, retryLater: 0, noAddress: 0 };
  const performances = new Map<string, InvitationPerformance>();
  const { tenantId } = ctx;
  for (;;) {
    const claimed = await withTenant(ctx.db, tenantId, (tx) =>
      kind === "initial"
        ? tx.$queryRaw<Claimed[]>(Prisma.sql`
            UPDATE survey_invitation SET status = 'sending'
             WHERE tenant_id = ${tenantId}::uuid AND id IN (
               SELECT id FROM survey_invitation
                WHERE tenant_id = ${tenantId}::uuid AND survey_id = ${ctx.surveyId}::uuid
                  AND performance_id = ${ctx.performanceId}::uuid AND status = 'scheduled' AND scheduled_for <= ${ctx.now}
                LIMIT ${CLAIM_BATCH} FOR UPDATE SKIP LOCKED)
            RETURNING id::text, spectator_id::text AS "spectatorId", performance_ids::text[] AS "performanceIds", language`)
        : tx.$queryRaw<Claimed[]>(Prisma.sql`
            UPDATE survey_invitation SET reminded_at = ${ctx.now}
             WHERE tenant_id = ${tenantId}::uuid AND id IN (
               SELECT id FROM survey_invitation
                WHERE tenant_id = ${tenantId}::uuid AND survey_id = ${ctx.surveyId}::uuid
                  AND performance_id = ${ctx.performanceId}::uuid AND status IN ('sent', 'opened', 'started')
                  AND reminded_at IS NULL
                LIMIT ${CLAIM_BATCH} FOR UPDATE SKIP LOCKED)
            RETURNING id::text, spectator_id::text AS "spectatorId", performance_ids::text[] AS "performanceIds", language`),
    );
    if (!claimed.length) break;
    await describePerformances(ctx, [...new Set(claimed.flatMap((c) => c.performanceIds))], performances);
    const people = await withTenant(ctx.db, tenantId, (tx) =>
      tx.spectator.findMany({
        where: { tenantId, id: { in: [...new Set(claimed.map((c) => c.spectatorId))] } },
        select: { id: true, emailEnc: true, firstNameEnc: true },
      }),
    );
    const byId = new Map(people.map((p) => [p.id, p]));
    const sent: string[] = [];
    const giveBack: string[] = [];
    const bounced: { id: string; spectatorId: string; reason: string }[] = [];
    await runPool(claimed, ctx.services.sendConcurrency, async (inv) => {
      const person = byId.get(inv.spectatorId);
      const email = person ? ctx.codec.openField("email", person.emailEnc) : null;
      if (!email) {
        report.noAddress += 1;
        bounced.push({ id: inv.id, spectatorId: inv.spectatorId, reason: "no e-mail address" });
        return;
      }
      const token = createInvitationToken(ctx.keys.tokenKey, tenantId, inv.id);
      const message = renderInvitationEmail({
        to: email,
        from: ctx.services.from,
        firstName: ctx.codec.openField("firstName", person?.firstNameEnc),
        language: inv.language === "en" ? "en" : "fr",
        tenantName: ctx.tenantName,
        performances: inv.performanceIds.map((id) => performances.get(id)).filter((p): p is InvitationPerformance => !!p),
        answerUrl: `${ctx.services.appUrl}/s/${token}`,
        privacyUrl: `${ctx.services.appUrl}/privacy/${ctx.tenantSlug}`,
        brandColour: ctx.brandColour,
        reminder: kind === "reminder",
        messageId: `survey-${inv.id}${kind === "reminder" ? "-r" : ""}-${randomUUID().slice(0, 8)}`,
      });
      try {
        await mail.send(message);
        sent.push(inv.id);
      } catch (error) {
        const failure = classifySmtpError(error);
        if (failure.kind === "transient") giveBack.push(inv.id);
        else bounced.push({ id: inv.id, spectatorId: inv.spectatorId, reason: failure.reason.slice(0, 500) });
      }
    });
    await withTenant(ctx.db, tenantId, async (tx) => {
      if (kind === "initial" && sent.length)
        await tx.surveyInvitation.updateMany({ where: { tenantId, id: { in: sent }, status: "sending" }, data: { status: "sent", sentAt: ctx.now } });
      if (giveBack.length)
        await tx.surveyInvitation.updateMany({
          where: { tenantId, id: { in: giveBack } },
          data: kind === "initial" ? { status: "scheduled" } : { remindedAt: null },
        });
      for (const b of bounced) {
        await tx.surveyInvitation.updateMany({
          where: { tenantId, id: b.id },
          data: { status: "bounced", bouncedAt: ctx.now, lastError: b.reason },
        });
        if (b.reason !== "no e-mail address")
          await tx.surveyExclusion.upsert({
            where: { tenantId_spectatorId_list: { tenantId, spectatorId: b.spectatorId, list: "hard_bounced" } },
            create: { tenantId, spectatorId: b.spectatorId, list: "hard_bounced", source: "survey:smtp", recordedAt: ctx.now },
            update: {},
          });
      }
    });
    report.sent += sent.length;
    report.bounced += bounced.filter((b) => b.reason !== "no e-mail address").length;
    report.retryLater += giveBack.length;
    // Claims given back would be claimed again at once; leave them for the next run.
    if (giveBack.length) break;
  }
  return report;
}
