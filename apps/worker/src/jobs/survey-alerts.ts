// Staff alerts, checked on every planner tick: a performance whose NPS falls below the survey's
// threshold (once it has the minimum number of responses), or a detractor whose comment is tagged
// with a watched topic (e.g. access). Each alert is recorded under a unique key, and each of its
// recipients is claimed in a send ledger before the SMTP call, so it reaches each person once;
// the e-mail carries figures and a link, never the spectator's words.
import { Prisma, withTenant, type Database } from "@rappel/db";
import { classifySmtpError } from "@rappel/mail";
import { summariseNps } from "@rappel/survey";
import { z } from "zod";
import type { Logger } from "../logger";
import type { SurveyServices } from "./survey-services";

const ZAlerts = z
  .object({
    recipients: z.array(z.email()).default([]),
    npsBelow: z.number().int().min(-100).max(100).nullable().optional(),
    detractorTopics: z.array(z.string()).default([]),
  })
  .catch({ recipients: [], detractorTopics: [] });

// Detractor alerts only look at recent answers, so switching alerts on does not replay a season.
const RECENT_MS = 7 * 24 * 3_600_000;

interface PendingAlert {
  key: string;
  kind: "nps_below" | "detractor_topic";
  surveyId: string;
  subject: string;
  text: string;
  recipients: string[];
}

export async function checkSurveyAlerts(db: Database, services: SurveyServices, tenantId: string, now: Date, logger: Logger): Promise<number> {
  const pending = await withTenant(db, tenantId, async (tx) => {
    const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { slug: true } });
    const surveys = await tx.survey.findMany({ where: { tenantId, status: { in: ["active", "closed"] } } });
    const out: PendingAlert[] = [];
    for (const survey of surveys) {
      const alerts = ZAlerts.parse((survey.settings as { alerts?: unknown }).alerts);
      if (!alerts.recipients.length) continue;
      const link = `${services.appUrl}/t/${tenant.slug}/satisfaction?survey=${survey.id}`;
      if (typeof alerts.npsBelow === "number") {
        const rows = await tx.$queryRaw<{ performanceId: string; title: string; startsAt: Date; scores: number[] }[]>(Prisma.sql`
          SELECT i.performance_id::text AS "performanceId", sh.title, pf.starts_at AS "startsAt", array_agg(r.nps) AS scores
            FROM survey_response r
            JOIN survey_invitation i ON i.tenant_id = r.tenant_id AND i.id = r.invitation_id
            JOIN performance pf ON pf.tenant_id = i.tenant_id AND pf.id = i.performance_id
            JOIN show sh ON sh.tenant_id = pf.tenant_id AND sh.id = pf.show_id
           WHERE r.tenant_id = ${tenantId}::uuid AND r.survey_id = ${survey.id}::uuid AND r.nps IS NOT NULL
           GROUP BY 1, 2, 3`);
        for (const row of rows) {
          const summary = summariseNps(row.scores, { minResponses: survey.minResponses });
          if (summary.nps === null || summary.nps >= alerts.npsBelow) continue;
          out.push({
            key: `nps-below:${survey.id}:${row.performanceId}`,
            kind: "nps_below",
            surveyId: survey.id,
            recipients: alerts.recipients,
            subject: `Alerte satisfaction : NPS ${summary.nps} pour ${row.title}`,
            text: `Le NPS de la représentation « ${row.title} » du ${row.startsAt.toLocaleString("fr-FR", { timeZone: "Europe/Paris" })} est de ${summary.nps} (± ${summary.marginOfError}) sur ${summary.responses} réponses, sous le seuil de ${alerts.npsBelow}.\n\n${link}`,
          });
        }
      }
      if (alerts.detractorTopics.length) {
        const rows = await tx.surveyResponse.findMany({
          where: { tenantId, surveyId: survey.id, nps: { lte: 6 }, topics: { hasSome: alerts.detractorTopics }, updatedAt: { gte: new Date(now.getTime() - RECENT_MS) } },
          select: { id: true, nps: true, topics: true },
        });
        for (const row of rows) {
          const topics = row.topics.filter((t) => alerts.detractorTopics.includes(t));
          out.push({
            key: `detractor:${row.id}`,
            kind: "detractor_topic",
            surveyId: survey.id,
            recipients: alerts.recipients,
            subject: `Alerte satisfaction : un détracteur parle de ${topics.join(", ")}`,
            text: `Un spectateur a donné la note ${row.nps}/10 et son commentaire concerne : ${topics.join(", ")}.\n\nLire les verbatims : ${services.appUrl}/t/${tenant.slug}/satisfaction/verbatims?survey=${survey.id}&score=detractors&topic=${topics[0]}`,
          });
        }
      }
    }
    // Record each alert once; keep those recorded but not sent yet (a failed send is retried).
    const toSend: PendingAlert[] = [];
    for (const alert of out) {
      const existing = await tx.surveyAlert.findUnique({ where: { tenantId_key: { tenantId, key: alert.key } } });
      if (existing?.sentAt) continue;
      if (!existing) await tx.surveyAlert.create({ data: { tenantId, surveyId: alert.surveyId, key: alert.key, kind: alert.kind, details: { subject: alert.subject } } });
      toSend.push(alert);
    }
    return toSend;
  });
  if (!pending.length || !services.mail) return 0;
  let sent = 0;
  for (const alert of pending) {
    if (await deliverAlert(db, services.mail, services.from, tenantId, alert, now, logger)) sent += 1;
  }
  return sent;
}

/**
 * Sends one alert to each recipient exactly once: a ledger row per (alert, recipient) is claimed
 * and committed before its SMTP call, so a retry after a part-way failure skips those already
 * claimed (decision 0013, same pattern as 0005). A temporary refusal gives the claim back and
 * stops this alert until the next tick; a permanent one is recorded and not retried. The alert
 * counts as sent once no recipient is left unclaimed or waiting for a retry.
 */
async function deliverAlert(
  db: Database,
  mail: NonNullable<SurveyServices["mail"]>,
  from: string,
  tenantId: string,
  alert: PendingAlert,
  now: Date,
  logger: Logger,
): Promise<boolean> {
  const { alertId, done } = await withTenant(db, tenantId, async (tx) => {
    const row = await tx.surveyAlert.findUniqueOrThrow({ where: { tenantId_key: { tenantId, key: alert.key } }, select: { id: true } });
    const claimed = await tx.surveyAlertDelivery.findMany({ where: { tenantId, alertId: row.id }, select: { recipient: true } });
    return { alertId: row.id, done: new Set(claimed.map((c) => c.recipient)) };
  });
  for (const to of alert.recipients) {
    if (done.has(to)) continue;
    // The claim commits before the SMTP call; a concurrent tick that claimed it first wins.
    const claimed = await withTenant(db, tenantId, (tx) =>
      tx.surveyAlertDelivery.createMany({ data: [{ tenantId, alertId, recipient: to, claimedAt: now }], skipDuplicates: true }),
    );
    if (claimed.count === 0) continue;
    try {
      await mail.send({ from, to, subject: alert.subject, text: alert.text });
    } catch (error) {
      const failure = classifySmtpError(error);
      await withTenant(db, tenantId, (tx) =>
        failure.kind === "transient"
          ? tx.surveyAlertDelivery.delete({ where: { tenantId_alertId_recipient: { tenantId, alertId, recipient: to } } })
          : tx.surveyAlertDelivery.update({ where: { tenantId_alertId_recipient: { tenantId, alertId, recipient: to } }, data: { status: "failed", error: failure.reason.slice(0, 500) } }),
      );
      logger.warn(failure.kind === "transient" ? "survey alert not sent, retried next tick" : "survey alert refused for good", {
        tenantId, kind: alert.kind, code: failure.code, error: failure.reason,
      });
      if (failure.kind === "transient") return false;
      continue;
    }
    await withTenant(db, tenantId, (tx) =>
      tx.surveyAlertDelivery.update({ where: { tenantId_alertId_recipient: { tenantId, alertId, recipient: to } }, data: { status: "sent", sentAt: now } }),
    );
  }
  await withTenant(db, tenantId, (tx) => tx.surveyAlert.update({ where: { tenantId_key: { tenantId, key: alert.key } }, data: { sentAt: now } }));
  return true;
}
