// Where an SMTP client connects: the platform's relay (an smtp:// URL from configuration) or a
// tenant's own relay (host, port, TLS mode and credentials from its settings). Both senders
// (the committed one for campaigns, nodemailer's for one-off messages and the connection test)
// take this one shape, so a tenant relay is never squeezed through a URL.
import { createTransport } from "nodemailer";
import { z } from "zod";

export const SMTP_TLS_MODES = ["starttls", "tls", "none"] as const;
export type TSmtpTlsMode = (typeof SMTP_TLS_MODES)[number];

export interface TSmtpServer {
  host: string;
  port: number;
  /** TLS from the first byte (port 465). */
  secure: boolean;
  /** Refuse to go on without STARTTLS (a relay that must not see credentials in clear). */
  requireTls: boolean;
  /** Never try STARTTLS (local peers, test servers). */
  ignoreTls: boolean;
  auth?: { user: string; pass: string };
}

export class InvalidSmtpUrlError extends Error {
  constructor(url: string) {
    super(`SMTP_URL must look like smtp://user:password@host:port or smtps://…, got "${url.replace(/\/\/[^@/]*@/, "//***@")}"`);
    this.name = "InvalidSmtpUrlError";
  }
}

/** smtp://user:pass@host:port (STARTTLS when offered; never on 127.0.0.1) or smtps:// (TLS). */
export function smtpServerFromUrl(smtpUrl: string): TSmtpServer {
  let url: URL;
  try {
    url = new URL(smtpUrl);
  } catch {
    throw new InvalidSmtpUrlError(smtpUrl);
  }
  if (url.protocol !== "smtp:" && url.protocol !== "smtps:") throw new InvalidSmtpUrlError(smtpUrl);
  const secure = url.protocol === "smtps:";
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    requireTls: false,
    ignoreTls: !secure && url.hostname === "127.0.0.1",
    ...(url.username ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } } : {}),
  };
}

/** A tenant relay's settings as a server to connect to. */
export function smtpServerFromRelay(relay: { host: string; port: number; tlsMode: TSmtpTlsMode; username?: string | null; password?: string | null }): TSmtpServer {
  return {
    host: relay.host,
    port: relay.port,
    secure: relay.tlsMode === "tls",
    requireTls: relay.tlsMode === "starttls",
    ignoreTls: relay.tlsMode === "none",
    ...(relay.username ? { auth: { user: relay.username, pass: relay.password ?? "" } } : {}),
  };
}

const hostname = z
  .string()
  .trim()
  .min(1, "required")
  .max(253, "too_long")
  .regex(/^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$|^\d{1,3}(?:\.\d{1,3}){3}$/, "invalid_host");

/** The relay form as the server checks it (shared with the browser's form). An empty password keeps the sealed one. */
export const ZSmtpRelayInput = z.object({
  host: hostname,
  port: z.coerce.number({ message: "invalid_port" }).int("invalid_port").min(1, "invalid_port").max(65535, "invalid_port"),
  tlsMode: z.enum(SMTP_TLS_MODES, { message: "invalid_tls" }),
  username: z.string().trim().max(320, "too_long").transform((v) => v || null),
  password: z.string().max(1000, "too_long"),
  messagesPerSecond: z.coerce.number({ message: "invalid_rate" }).int("invalid_rate").min(1, "invalid_rate").max(10_000, "invalid_rate"),
});
export type TSmtpRelayInput = z.infer<typeof ZSmtpRelayInput>;

export type TRelayCheck = { ok: true; greeting?: string } | { ok: false; problem: "unreachable" | "auth" | "tls" | "timeout" | "refused"; detail: string };

/** Connects, says EHLO, negotiates TLS and logs in (nodemailer's verify): nothing is sent. */
export async function verifySmtpServer(server: TSmtpServer, timeoutMs = 10_000): Promise<TRelayCheck> {
  const transporter = createTransport({
    host: server.host,
    port: server.port,
    secure: server.secure,
    requireTLS: server.requireTls,
    ignoreTLS: server.ignoreTls,
    auth: server.auth,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  try {
    await transporter.verify();
    return { ok: true };
  } catch (error) {
    const e = error as { code?: string; message?: string; responseCode?: number };
    const detail = String(e.message ?? error).slice(0, 300);
    const problem =
      e.code === "EAUTH" || e.code === "ENOAUTH" ? "auth"
      : e.code === "ETLS" || /TLS|SSL/i.test(detail) ? "tls"
      : e.code === "ETIMEDOUT" ? "timeout"
      : e.code === "ECONNECTION" || e.code === "ESOCKET" || e.code === "EDNS" ? "unreachable"
      : "refused";
    return { ok: false, problem, detail };
  } finally {
    transporter.close();
  }
}
