// A test send: the campaign rendered as a chosen spectator (or with fallbacks only), sent to the
// staff member who asked, marked "[TEST]" — with the subject of the A/B variant asked for, if any.
// Nothing is written to the ledger.
import { withTenant } from "@rappel/db";
import type { TCampaignTestSendPayload } from "@rappel/jobs";
import { loadIdentityCodec } from "@rappel/personal-data";
import { createMailTransport } from "@rappel/mail";
import { defineJobHandler, type JobContext } from "../job-handler";
import { engineConfig, type EngineConfig } from "./campaign-engine";
import { buildCampaignMessage, openSenderDkim } from "./campaign-message";
import { loadTenantRelay } from "../mail/campaign-transports";
import { abVariants, subjectForVariant } from "@rappel/campaigns";
import { campaignAbTest } from "./campaign-ab-test";
import { sendSmsCampaignTest } from "./campaign-sms-test-send";

/** The subject of the chosen A/B variant (A, or no test: the campaign's own); null when the test has no such variant. */
function testSubject(mainSubject: string, rawAbTest: unknown, variant: TCampaignTestSendPayload["variant"]): string | null {
  if (!variant || variant === "A") return mainSubject;
  const config = campaignAbTest(rawAbTest);
  if (config === null || config === "invalid" || !abVariants(config).includes(variant)) return null;
  return subjectForVariant(mainSubject, config, variant);
}

export async function sendCampaignTest(p: TCampaignTestSendPayload, context: JobContext, config: EngineConfig = engineConfig()) {
  const prepared = await withTenant(context.db, p.tenantId, async (tx) => {
    const campaign = await tx.campaign.findUnique({ where: { tenantId_id: { tenantId: p.tenantId, id: p.campaignId } } });
    const sender = await tx.senderIdentity.findUnique({ where: { tenantId: p.tenantId } });
    const user = await tx.membership.findUnique({ where: { tenantId_userId: { tenantId: p.tenantId, userId: p.userId } }, include: { user: true } });
    if (!campaign || !sender || !user) return null;
    let values = {};
    const codec = await loadIdentityCodec(tx, p.tenantId, config.master);
    // Signed like the campaign itself, so the marketer's mailbox shows whether DKIM passes.
    const dkim = openSenderDkim(codec, sender);
    if (p.spectatorId) {
      const s = await tx.spectator.findUnique({ where: { tenantId_id: { tenantId: p.tenantId, id: p.spectatorId } } });
      if (s) {
        values = { firstName: codec.openField("firstName", s.firstNameEnc), lastName: codec.openField("lastName", s.lastNameEnc) };
      }
    }
    const { slug } = await tx.tenant.findUniqueOrThrow({ where: { id: p.tenantId }, select: { slug: true } });
    // Through the relay the campaign will use, so the test also proves the tenant's relay works.
    const relay = await loadTenantRelay(tx, p.tenantId, codec);
    return { campaign, sender: { ...sender, dkim }, email: user.user.email, values, tenantSlug: slug, relay };
  });
  if (!prepared) return { sent: false, reason: "campaign, sender identity or member not found" };
  const subject = testSubject(prepared.campaign.subject, prepared.campaign.abTest, p.variant);
  if (subject === null) return { sent: false, reason: `variant ${p.variant ?? ""} is not part of this campaign's A/B test` };
  const message = buildCampaignMessage(
    { tenantId: p.tenantId, tenantSlug: prepared.tenantSlug, id: prepared.campaign.id, subject: `[TEST] ${subject}`, preheader: prepared.campaign.preheader, content: prepared.campaign.content },
    prepared.sender,
    { spectatorId: p.spectatorId ?? p.userId, email: prepared.email, values: prepared.values },
    { appUrl: config.appUrl, trackingKey: config.trackingKey, showCards: new Map() },
  );
  const transport = prepared.relay
    ? createMailTransport(prepared.relay.server, { pool: false })
    : createMailTransport(config.smtpUrl, { pool: false, ignoreTls: true });
  try {
    const info = await transport.send(message);
    return { sent: true, response: info.response };
  } finally {
    transport.close();
  }
}

export const campaignTestSendHandler = defineJobHandler({
  kind: "campaign-test-send",
  handle: async (payload, context) => {
    const campaign = await withTenant(context.db, payload.tenantId, (tx) =>
      tx.campaign.findUnique({ where: { tenantId_id: { tenantId: payload.tenantId, id: payload.campaignId } }, select: { channel: true } }),
    );
    return campaign?.channel === "sms" ? sendSmsCampaignTest(payload, context) : sendCampaignTest(payload, context);
  },
});
