// What the survey jobs need beyond the database and the clock: the master key (to open e-mail
// addresses and derive link tokens), the SMTP transport, and the public base URL of the answer
// pages. Built once per process from the configuration; tests inject their own.
import { loadEnv } from "@rappel/config";
import { createMailTransport, type MailTransport } from "@rappel/mail";
import { masterKeyFromEnv, type MasterKey } from "@rappel/personal-data";

export interface SurveyServices {
  master: MasterKey;
  /** null when SMTP_URL is not configured: dispatch then fails with a clear error. */
  mail: MailTransport | null;
  appUrl: string;
  from: string;
  /** Parallel SMTP sends within one dispatch (the transport pools its connections). */
  sendConcurrency: number;
  /** Invitations claimed per transaction (default 250; tests use small batches to exercise the pipeline). */
  claimBatch?: number;
}

export class SmtpNotConfiguredError extends Error {
  constructor() {
    super("SMTP_URL is not set: survey invitations cannot be sent (set SMTP_URL for the worker)");
    this.name = "SmtpNotConfiguredError";
  }
}

let shared: SurveyServices | undefined;

export function getSurveyServices(): SurveyServices {
  if (shared) return shared;
  const env = loadEnv();
  shared = {
    master: masterKeyFromEnv(env),
    mail: env.SMTP_URL
      ? createMailTransport(env.SMTP_URL, { pool: true, maxConnections: 8 })
      : null,
    appUrl: env.APP_URL.replace(/\/$/, ""),
    from: env.MAIL_FROM,
    sendConcurrency: 16,
  };
  return shared;
}
