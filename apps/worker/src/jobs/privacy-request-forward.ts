// Forwards one data-subject request to its client tenant by e-mail and keeps the proof of sending
// (message id and the SMTP server's reply) on the forward row. The row is claimed before the SMTP
// call, so a retry or a second delivery of the job never writes to the client twice.
import { loadEnv, type TEnv } from "@rappel/config";
import type { TPrivacyRequestForwardPayload } from "@rappel/jobs";
import { createMailTransport } from "@rappel/mail";
import { sendRequestForward, type ForwardMailer } from "@rappel/privacy";
import { defineJobHandler, type JobContext } from "../job-handler";

export type RequestForwardConfig = Pick<TEnv, "SMTP_URL" | "MAIL_FROM" | "APP_URL">;

export async function forwardPrivacyRequest(payload: TPrivacyRequestForwardPayload, context: JobContext, config: RequestForwardConfig = loadEnv()) {
  if (!config.SMTP_URL) throw new Error("SMTP_URL is not configured: data-subject requests cannot be forwarded in writing");
  const transport = createMailTransport(config.SMTP_URL);
  const mailer: ForwardMailer = async (message) => {
    const sent = await transport.send({ from: config.MAIL_FROM, to: message.to.join(", "), subject: message.subject, text: message.text });
    return { messageId: sent.messageId, response: sent.response };
  };
  try {
    const outcome = await sendRequestForward(context.db, mailer, payload.tenantId, payload.requestId, { appUrl: config.APP_URL, now: () => context.clock.now() });
    context.logger.info("privacy.request_forward", { requestId: payload.requestId, status: outcome.status });
    // A failed send is retried by BullMQ (the row is "failed", so the next attempt claims it again).
    if (outcome.status === "failed") throw new Error(`the forward could not be sent: ${outcome.forward?.lastError ?? "unknown error"}`);
    return { status: outcome.status };
  } finally {
    transport.close();
  }
}

export const privacyRequestForwardHandler = defineJobHandler({
  kind: "privacy-request-forward",
  handle: (payload, context) => forwardPrivacyRequest(payload, context),
});
