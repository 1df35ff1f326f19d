// Sends the invitations (or reminders) of one plan, exactly once each. Sending is claimed in
// PostgreSQL before the SMTP conversation (status scheduled → sending, or reminded_at set) in its
// own committed transaction, so a retry or a second worker never sends the same invitation again.
// A crash between the claim and the SMTP reply leaves the invitation "sending": it is not sent a
// second time (at most once; the row shows what happened). Transient SMTP failures give the claim
// back so the next run retries; permanent ones mark the invitation bounced and the person
// hard-bounced for later surveys.
//
// Throughput: messages go out on several pooled SMTP connections at once (`sendConcurrency`
// lanes); the next batch is claimed while the current one is on the wire, and each batch's
// outcomes are written in one transaction in the background, so neither waits on the other.
import { randomUUID } from "node:crypto";
import { Prisma, withTenant, type Database, type Tx } from "@rappel/db";
import { classifySmtpError } from "@rappel/mail";
import type { SpectatorIdentityCodec } from "@rappel/personal-data";
import { createInvitationToken, createShortCode } from "@rappel/survey";
import type { SurveyKeys } from "@rappel/survey/store";
import type { Logger } from "../logger";
import { renderInvitationEmail, type InvitationPerformance } from "./survey-email";
import { SmtpNotConfiguredError, type SurveyServices } from "./survey-services";

const CLAIM_BATCH = 250;

export interface SendContext {
  db: Database;
  services: SurveyServices;
  codec: SpectatorIdentityCodec;
  keys: Pick<SurveyKeys, "tokenKey">;
  tenantId: string;
  tenantName: string;
  tenantSlug: string;
  /** The tenant's number in short links (/s/<code>). */
  linkNumber: number;
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
  /** False for invitations created before short links: their e-mail keeps the long token. */
  hasShortLink: boolean;
  emailEnc: Uint8Array | null;
  firstNameEnc: Uint8Array | null;
}

interface BatchOutcome {
  sent: string[];
  giveBack: string[];
  bounced: { id: string; spectatorId: string; reason: string }[];
}

const NO_ADDRESS = "no e-mail address";

async function describePerformances(tx: Tx, tenantId: string, ids: string[], cache: Map<string, InvitationPerformance>): Promise<void> {
  const missing = ids.filter((id) => !cache.has(id));
  if (!missing.length) return;
  const rows = await tx.performance.findMany({
    where: { tenantId, id: { in: missing } },
    select: { id: true, startsAt: true, show: { select: { title: true } }, venue: { select: { name: true } } },
  });
  for (const r of rows) cache.set(r.id, { showTitle: r.show.title, venueName: r.venue.name, startsAt: r.startsAt });
}

/** Claims a batch and reads what its messages need (address, first name, performances) in one transaction. */
async function claimBatch(ctx: SendContext, kind: "initial" | "reminder", performances: Map<string, InvitationPerformance>): Promise<Claimed[]> {
  const { tenantId } = ctx;
  const limit = ctx.services.claimBatch ?? CLAIM_BATCH;
  return withTenant(ctx.db, tenantId, async (tx) => {
    const claim =
      kind === "initial"
        ? Prisma.sql`
            UPDATE survey_invitation SET status = 'sending'
             WHERE tenant_id = ${tenantId}::uuid AND id IN (
               SELECT id FROM survey_invitation
                WHERE tenant_id = ${tenantId}::uuid AND survey_id = ${ctx.surveyId}::uuid
                  AND performance_id = ${ctx.performanceId}::uuid AND status = 'scheduled' AND scheduled_for <= ${ctx.now}
                LIMIT ${limit} FOR UPDATE SKIP LOCKED)
            RETURNING id, spectator_id, performance_ids, language, short_hash IS NOT NULL AS has_short_link`
        : Prisma.sql`
            UPDATE survey_invitation SET reminded_at = ${ctx.now}
             WHERE tenant_id = ${tenantId}::uuid AND id IN (
               SELECT id FROM survey_invitation
                WHERE tenant_id = ${tenantId}::uuid AND survey_id = ${ctx.surveyId}::uuid
                  AND performance_id = ${ctx.performanceId}::uuid AND status IN ('sent', 'opened', 'started')
                  AND reminded_at IS NULL
                LIMIT ${limit} FOR UPDATE SKIP LOCKED)
            RETURNING id, spectator_id, performance_ids, language, short_hash IS NOT NULL AS has_short_link`;
    const claimed = await tx.$queryRaw<Claimed[]>(Prisma.sql`
      WITH claimed AS (${claim})
      SELECT c.id::text, c.spectator_id::text AS "spectatorId", c.performance_ids::text[] AS "performanceIds", c.language, c.has_short_link AS "hasShortLink",
             s.email_enc AS "emailEnc", s.first_name_enc AS "firstNameEnc"
        FROM claimed c
        LEFT JOIN spectator s ON s.tenant_id = ${tenantId}::uuid AND s.id = c.spectator_id`);
    await describePerformances(tx, tenantId, [...new Set(claimed.flatMap((c) => c.performanceIds))], performances);
    return claimed;
  });
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

async function sendBatch(
  ctx: SendContext,
  kind: "initial" | "reminder",
  claimed: readonly Claimed[],
  performances: Map<string, InvitationPerformance>,
): Promise<BatchOutcome> {
  const mail = ctx.services.mail!;
  const outcome: BatchOutcome = { sent: [], giveBack: [], bounced: [] };
  await runPool(claimed, ctx.services.sendConcurrency, async (inv) => {
    // A claim's message is built inside its own try: whatever goes wrong with one invitation is
    // recorded for that invitation and never stops the other lanes.
    try {
      const email = ctx.codec.openField("email", inv.emailEnc);
      if (!email) {
        outcome.bounced.push({ id: inv.id, spectatorId: inv.spectatorId, reason: NO_ADDRESS });
        return;
      }
      const link = inv.hasShortLink ? createShortCode(ctx.keys.tokenKey, ctx.linkNumber, inv.id) : createInvitationToken(ctx.keys.tokenKey, ctx.tenantId, inv.id);
      const message = renderInvitationEmail({
        to: email,
        from: ctx.services.from,
        firstName: ctx.codec.openField("firstName", inv.firstNameEnc),
        language: inv.language === "en" ? "en" : "fr",
        tenantName: ctx.tenantName,
        performances: inv.performanceIds.map((id) => performances.get(id)).filter((p): p is InvitationPerformance => !!p),
        answerUrl: `${ctx.services.appUrl}/s/${link}`,
        privacyUrl: `${ctx.services.appUrl}/privacy/${ctx.tenantSlug}`,
        brandColour: ctx.brandColour,
        reminder: kind === "reminder",
        messageId: `survey-${inv.id}${kind === "reminder" ? "-r" : ""}-${randomUUID().slice(0, 8)}`,
      });
      await mail.send(message);
      outcome.sent.push(inv.id);
    } catch (error) {
      const failure = classifySmtpError(error);
      if (failure.kind === "transient") outcome.giveBack.push(inv.id);
      else outcome.bounced.push({ id: inv.id, spectatorId: inv.spectatorId, reason: failure.reason.slice(0, 500) });
    }
  });
  return outcome;
}

/** One transaction per batch: sent rows, claims given back, bounces (rare: row by row). */
async function recordOutcome(ctx: SendContext, kind: "initial" | "reminder", outcome: BatchOutcome): Promise<void> {
  const { tenantId } = ctx;
  if (!outcome.sent.length && !outcome.giveBack.length && !outcome.bounced.length) return;
  await withTenant(ctx.db, tenantId, async (tx) => {
    // Raw SQL with an array parameter: the same statement whatever the batch size.
    if (kind === "initial" && outcome.sent.length)
      await tx.$executeRaw`UPDATE survey_invitation SET status = 'sent', sent_at = ${ctx.now}
                            WHERE tenant_id = ${tenantId}::uuid AND id = ANY (${outcome.sent}::uuid[]) AND status = 'sending'`;
    if (outcome.giveBack.length) {
      if (kind === "initial")
        await tx.$executeRaw`UPDATE survey_invitation SET status = 'scheduled'
                              WHERE tenant_id = ${tenantId}::uuid AND id = ANY (${outcome.giveBack}::uuid[])`;
      else
        await tx.$executeRaw`UPDATE survey_invitation SET reminded_at = NULL
                              WHERE tenant_id = ${tenantId}::uuid AND id = ANY (${outcome.giveBack}::uuid[])`;
    }
    for (const b of outcome.bounced) {
      await tx.surveyInvitation.updateMany({
        where: { tenantId, id: b.id },
        data: { status: "bounced", bouncedAt: ctx.now, lastError: b.reason },
      });
      if (b.reason !== NO_ADDRESS)
        await tx.surveyExclusion.upsert({
          where: { tenantId_spectatorId_list: { tenantId, spectatorId: b.spectatorId, list: "hard_bounced" } },
          create: { tenantId, spectatorId: b.spectatorId, list: "hard_bounced", source: "survey:smtp", recordedAt: ctx.now },
          update: {},
        });
    }
  });
}

export async function sendPlanInvitations(ctx: SendContext, kind: "initial" | "reminder"): Promise<SendReport> {
  if (!ctx.services.mail) throw new SmtpNotConfiguredError();
  const report: SendReport = { sent: 0, bounced: 0, retryLater: 0, noAddress: 0 };
  const performances = new Map<string, InvitationPerformance>();
  const writes: Promise<void>[] = [];
  // A failed write is kept here (not left as a rejected promise until the end, which Node would
  // report as unhandled) and thrown once every write has finished.
  let writeError: unknown;
  const record = (outcome: BatchOutcome) => {
    report.sent += outcome.sent.length;
    report.retryLater += outcome.giveBack.length;
    for (const b of outcome.bounced) {
      if (b.reason === NO_ADDRESS) report.noAddress += 1;
      else report.bounced += 1;
    }
    writes.push(
      recordOutcome(ctx, kind, outcome).catch((error: unknown) => {
        writeError ??= error;
      }),
    );
  };
  let failure: unknown;
  let ahead: Promise<Claimed[]> | undefined;
  try {
    let claimed = await claimBatch(ctx, kind, performances);
    while (claimed.length) {
      // The next batch is claimed (and committed) while this one is on the wire.
      ahead = claimBatch(ctx, kind, performances);
      ahead.catch(() => undefined); // awaited below; never an unhandled rejection meanwhile
      const outcome = await sendBatch(ctx, kind, claimed, performances);
      record(outcome);
      // The server asked us to come back later, or the database is failing: stop here.
      if (outcome.giveBack.length || writeError !== undefined) break;
      claimed = await ahead;
      ahead = undefined;
    }
  } catch (error) {
    failure = error;
  }
  // A batch claimed ahead but not sent is given back unsent (the next run carries on with it).
  if (ahead) {
    try {
      const unsent = await ahead;
      if (unsent.length) record({ sent: [], giveBack: unsent.map((c) => c.id), bounced: [] });
    } catch (error) {
      failure ??= error;
    }
  }
  // Every outcome is written (or has failed) before the report is returned or an error thrown.
  await Promise.all(writes);
  if (failure !== undefined) throw failure;
  if (writeError !== undefined) throw writeError;
  return report;
}
