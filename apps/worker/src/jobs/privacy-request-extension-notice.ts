// E-mails the person whose request's deadline was extended, with the new deadline and the reasons
// (Art. 12(3) GDPR), and keeps the proof of sending on the request. Claimed before the SMTP call,
// so a retry or a second delivery of the job never writes twice.
import { loadEnv, type TEnv } from "@rappel/config";
import type { TPrivacyRequestExtensionNoticePayload } from "@rappel/jobs";
import { createMailTransport } from "@rappel/mail";
import { masterKeyFromEnv, type MasterKey } from "@rappel/personal-data";
import { sendExtensionNotice, type NoticeMailer } from "@rappel/privacy";
import { defineJobHandler, type JobContext } from "../job-handler";

export type ExtensionNoticeConfig = Pick<TEnv, "SMTP_URL" | "MAIL_FROM"> & { master: MasterKey };

export async function notifyRequestExtension(payload: TPrivacyRequestExtensionNoticePayload, context: JobContext, config: ExtensionNoticeConfig) {
  if (!config.SMTP_URL) throw new Error("SMTP_URL is not configured: the person cannot be told of the extension in writing");
  const transport = createMailTransport(config.SMTP_URL);
  const mailer: NoticeMailer = async (message) => {
    const sent = await transport.send({ from: config.MAIL_FROM, to: message.to, subject: message.subject, text: message.text });
    return { messageId: sent.messageId, response: sent.response };
  };
  try {
    const status = await sendExtensionNotice(context.db, mailer, payload.tenantId, payload.requestId, { now: () => context.clock.now(), master: config.master });
    context.logger.info("privacy.request_extension_notice", { requestId: payload.requestId, status });
    // A failed send is retried by BullMQ (the row is "failed", so the next attempt claims it again).
    if (status === "failed") throw new Error("the extension notice could not be sent");
    return { status };
  } finally {
    transport.close();
  }
}

export const privacyRequestExtensionNoticeHandler = defineJobHandler({
  kind: "privacy-request-extension-notice",
  handle: (payload, context) => {
    const env = loadEnv();
    return notifyRequestExtension(payload, context, { SMTP_URL: env.SMTP_URL, MAIL_FROM: env.MAIL_FROM, master: masterKeyFromEnv(env) });
  },
});
