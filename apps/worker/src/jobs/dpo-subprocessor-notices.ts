// Sends the written notices of a sub-processor change to each client tenant's owners and stores
// the proof of sending (message id and the SMTP server's reply) on each tenant's notice.
// Idempotent: only notices not yet sent are sent, and each notice is recorded as sent at the
// committed sender's commit point (before the SMTP terminator, decision 0006), so a crash after
// the server accepted a notice neither resends it nor leaves it recorded as unsent.
import { loadEnv, type TEnv } from "@rappel/config";
import { committedNoticeMailer, sendSubprocessorNotices } from "@rappel/dpo-records";
import { createCommittedSender } from "@rappel/mail";
import type { TDpoSubprocessorNoticesPayload } from "@rappel/jobs";
import { defineJobHandler, type JobContext } from "../job-handler";

export type SubprocessorNoticesConfig = Pick<TEnv, "SMTP_URL" | "MAIL_FROM" | "APP_URL">;

export async function sendDpoSubprocessorNotices(
  payload: TDpoSubprocessorNoticesPayload,
  context: JobContext,
  config: SubprocessorNoticesConfig = loadEnv(),
) {
  if (!config.SMTP_URL) throw new Error("SMTP_URL is not configured: sub-processor notices cannot be sent in writing");
  const sender = createCommittedSender(config.SMTP_URL, { maxConnections: 1 });
  const mailer = committedNoticeMailer(sender, config.MAIL_FROM);
  try {
    const results = await sendSubprocessorNotices(context.db, mailer, payload.changeId, { appUrl: config.APP_URL }, () => context.clock.now());
    const failed = results.filter((r) => !r.sent && r.error === "send_failed").length;
    context.logger.info("dpo.subprocessor_notices", { sent: results.filter((r) => r.sent).length, failed });
    // A failed send is retried by BullMQ (already-sent notices are skipped).
    if (failed > 0) throw new Error(`${failed} notice(s) could not be sent; retrying`);
    return { sent: results.filter((r) => r.sent).length };
  } finally {
    sender.close();
  }
}

export const dpoSubprocessorNoticesHandler = defineJobHandler({
  kind: "dpo-subprocessor-notices",
  handle: (payload, context) => sendDpoSubprocessorNotices(payload, context),
});
