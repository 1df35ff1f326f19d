// The worker's inbound SMTP endpoint for bounces and complaints (off unless FEEDBACK_SMTP_PORT is
// set). It takes mail only for our bounce domain: valid signed VERP addresses, the feedback-loop
// address and postmaster (RFC 5321 requires it); every other recipient — including a VERP address
// whose signature does not verify — is refused at RCPT TO with 550.
import { deriveVerpKey, parseVerpAddress } from "@rappel/campaigns";
import type { TEnv } from "@rappel/config";
import { startInboundReceiver, type InboundReceiver } from "@rappel/mail/inbound";
import { masterKeyFromEnv, masterKeyring } from "@rappel/personal-data";
import type { JobContext, JobDependencies } from "../job-handler";
import type { Logger } from "../logger";
import { ingestFeedbackMessage, type FeedbackConfig } from "./ingest-feedback";

/** Where mailbox providers' feedback loops are registered to send their reports. */
export const FEEDBACK_LOCAL_PARTS = ["feedback", "postmaster", "abuse"] as const;

export function acceptsFeedbackRecipient(config: Pick<FeedbackConfig, "verpKeys" | "bounceDomain">, address: string): boolean {
  const at = address.lastIndexOf("@");
  if (at < 0 || address.slice(at + 1).toLowerCase() !== config.bounceDomain.toLowerCase()) return false;
  const local = address.slice(0, at).toLowerCase();
  if ((FEEDBACK_LOCAL_PARTS as readonly string[]).includes(local)) return true;
  return config.verpKeys.some((key) => parseVerpAddress(key, address, config.bounceDomain) !== null);
}

export async function startFeedbackReceiver(
  options: { host: string; port: number },
  context: JobContext,
  config: FeedbackConfig,
): Promise<InboundReceiver> {
  const receiver = await startInboundReceiver({
    host: options.host,
    port: options.port,
    acceptRecipient: (address) => acceptsFeedbackRecipient(config, address),
    onMessage: async (message) => {
      const result = await ingestFeedbackMessage(message, context, config);
      context.logger.info("feedback message", {
        kind: result.kind,
        ...(result.kind === "ignored" ? { why: result.why } : { outcome: result.outcome, tenantId: result.tenantId ?? null, campaignId: result.delivery.campaignId }),
        ...(result.kind !== "ignored" && result.paused ? { paused: result.paused } : {}),
      });
    },
    onError: (error) => context.logger.warn("feedback receiver error", { error: error.message }),
  });
  context.logger.info("feedback receiver listening", { host: options.host, port: receiver.port, bounceDomain: config.bounceDomain });
  return receiver;
}

/** What the receiver reads from the configuration (all absent in tests that do not use it). */
export type FeedbackReceiverEnv = Partial<
  Pick<
    TEnv,
    | "FEEDBACK_SMTP_PORT" | "FEEDBACK_SMTP_HOST" | "BOUNCE_DOMAIN" | "MASTER_KEY" | "MASTER_KEY_ID" | "MASTER_KEY_PREVIOUS" | "MASTER_KEY_PREVIOUS_ID"
    | "SMTP_URL" | "APP_URL" | "MAIL_FROM"
  >
>;

/** Starts the receiver when FEEDBACK_SMTP_PORT is set (BOUNCE_DOMAIN then is, the config checks it). */
export async function startFeedbackReceiverFromEnv(env: FeedbackReceiverEnv, deps: JobDependencies, logger: Logger): Promise<InboundReceiver | null> {
  if (!env.FEEDBACK_SMTP_PORT || !env.BOUNCE_DOMAIN) return null;
  if (!env.MASTER_KEY) throw new Error("MASTER_KEY is required by the feedback receiver (it verifies VERP signatures)");
  const master = masterKeyFromEnv({
    MASTER_KEY: env.MASTER_KEY,
    MASTER_KEY_ID: env.MASTER_KEY_ID ?? "mk1",
    ...(env.MASTER_KEY_PREVIOUS && env.MASTER_KEY_PREVIOUS_ID ? { MASTER_KEY_PREVIOUS: env.MASTER_KEY_PREVIOUS, MASTER_KEY_PREVIOUS_ID: env.MASTER_KEY_PREVIOUS_ID } : {}),
  });
  const context: JobContext = { ...deps, logger: logger.child({ component: "feedback-receiver" }), signal: new AbortController().signal };
  return startFeedbackReceiver({ host: env.FEEDBACK_SMTP_HOST ?? "0.0.0.0", port: env.FEEDBACK_SMTP_PORT }, context, {
    verpKeys: masterKeyring(master).map((k) => deriveVerpKey(k.key)),
    bounceDomain: env.BOUNCE_DOMAIN,
    master: masterKeyring(master),
    alert: env.SMTP_URL ? { smtpUrl: env.SMTP_URL, appUrl: env.APP_URL ?? "http://localhost:3000", ...(env.MAIL_FROM ? { mailFrom: env.MAIL_FROM } : {}) } : null,
  });
}
