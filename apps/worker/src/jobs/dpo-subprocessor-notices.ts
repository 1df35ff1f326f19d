// Sends the written notices of a sub-processor change to each client tenant's owners and stores
// the proof of sending (message id and the SMTP server's reply) on each tenant's notice.
// Idempotent: only notices not yet sent are sent, so a retry never writes to a client twice
// (except a crash between the SMTP acceptance and the database update, which resends one notice).
import { loadEnv, type TEnv } from "@rappel/config";
import { sendSubprocessorNotices, type NoticeMailer } from "@rappel/dpo-records";
import { createMailTransport } from "@rappel/mail";
import type { TDpoSubprocessorNoticesPayload } from "@rappel/jobs";
import { defineJobHandler, type JobContext } from "../job-handler";

export type SubprocessorNoticesConfig = Pick<TEnv, "SMTP_URL" | "MAIL_FROM" | "APP_URL">;

export async function sendDpoSubprocessorNotices(
  payload: TDpoSubprocessorNoticesPayload,
  context: JobContext,
  config: SubprocessorNoticesConfig = loadEnv(),
) {
  if (!config.SMTP_URL) throw new Error("SMTP_URL is not configured: sub-processor notices cannot be sent in writing");
  const transport = createMailTransport(config.SMTP_URL);
  const mailer: NoticeMailer = async (message) => {
    const sent = await transport.send({ from: config.MAIL_FROM, to: message.to.join(", "), subject: message.subject, text: message.text });
    return { messageId: sent.messageId, response: sent.response };
  };
  try {
    const results = await sendSubprocessorNotices(context.db, mailer, payload.changeId, { appUrl: config.APP_URL }, () => context.clock.now());
    const failed = results.filter((r) => !r.sent && r.error === "send_failed").length;
    context.logger.info("dpo.subprocessor_notices", { sent: results.filter((r) => r.sent).length, failed });
    // A failed send is retried by BullMQ (already-sent notices are skipped).
    if (failed > 0) throw new Error(`${failed} notice(s) could not be sent; retrying`);
    return { sent: results.filter((r) => r.sent).length };
  } finally {
    transport.close();
  }
}

export const dpoSubprocessorNoticesHandler = defineJobHandler({
  kind: "dpo-subprocessor-notices",
  handle: (payload, context) => sendDpoSubprocessorNotices(payload, context),
});
