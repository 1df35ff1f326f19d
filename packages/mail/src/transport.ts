// The one way the product sends e-mail: nodemailer over SMTP, pooled so a campaign or a survey
// dispatch reuses connections instead of opening one per message.
import { createTransport } from "nodemailer";
import { z } from "zod";
import { smtpServerFromUrl, type TSmtpServer } from "./smtp-server";

export type TDkimKey = {
  /** The signing domain (d=), e.g. "lumiere.example". */
  domainName: string;
  /** The DNS selector (s=) under which the public key is published. */
  keySelector: string;
  privateKey: string;
};

export const ZMailTransportOptions = z.object({
  /** Keep connections open and reuse them (default); off for a one-off message. */
  pool: z.boolean().default(true),
  maxConnections: z.number().int().min(1).max(100).default(5),
  /** Messages per pooled connection before it is recycled. */
  maxMessages: z.number().int().min(1).default(1_000),
  /** Refuse to start TLS (local peers and test servers speak plain SMTP). */
  ignoreTls: z.boolean().default(false),
  timeoutMs: z.number().int().min(1_000).default(30_000),
});
export type TMailTransportOptions = z.input<typeof ZMailTransportOptions> & { dkim?: TDkimKey };

export type TOutgoingMail = {
  from: string;
  to: string;
  replyTo?: string;
  subject: string;
  text: string;
  html?: string;
  headers?: Record<string, string>;
  /** Our own id for the message (ledger key), echoed as the Message-ID's local part. */
  messageId?: string;
  /** The envelope sender (MAIL FROM, later Return-Path) when it is not the From address: a VERP bounce address. */
  envelopeFrom?: string;
  /** Signs this message with this key (a tenant's own), overriding the transport's. */
  dkim?: TDkimKey;
};

export type TSentMail = {
  messageId: string;
  /** The peer's final reply, e.g. "250 2.0.0 OK queued as …" — kept as proof of sending. */
  response: string;
  accepted: string[];
  rejected: string[];
};

export type MailTransport = {
  send(message: TOutgoingMail): Promise<TSentMail>;
  /** Opens a connection and says EHLO; throws when the server cannot be reached. */
  verify(): Promise<void>;
  close(): void;
};

const addresses = (list: unknown): string[] =>
  Array.isArray(list) ? list.map((entry) => (typeof entry === "string" ? entry : String((entry as { address?: string }).address))) : [];

/** `target`: the platform's smtp:// URL or a tenant relay's server. */
export function createMailTransport(target: string | TSmtpServer, options: TMailTransportOptions = {}): MailTransport {
  const settings = ZMailTransportOptions.parse(options);
  const server = typeof target === "string" ? smtpServerFromUrl(target) : target;
  const common = {
    host: server.host,
    port: server.port,
    secure: server.secure,
    auth: server.auth,
    requireTLS: server.requireTls,
    ignoreTLS: settings.ignoreTls || server.ignoreTls,
    connectionTimeout: settings.timeoutMs,
    greetingTimeout: settings.timeoutMs,
    socketTimeout: settings.timeoutMs,
    dkim: options.dkim,
  };
  const transporter = settings.pool
    ? createTransport({ ...common, pool: true, maxConnections: settings.maxConnections, maxMessages: settings.maxMessages })
    : createTransport(common);

  return {
    async send(message) {
      const domain = /@([^>\s]+)>?\s*$/.exec(message.from)?.[1] ?? "rappel.localhost";
      const info = await transporter.sendMail({
        from: message.from,
        to: message.to,
        replyTo: message.replyTo,
        subject: message.subject,
        text: message.text,
        html: message.html,
        headers: message.headers,
        messageId: message.messageId ? `<${message.messageId}@${domain}>` : undefined,
        ...(message.envelopeFrom ? { envelope: { from: message.envelopeFrom, to: message.to } } : {}),
        ...(message.dkim ? { dkim: message.dkim } : {}),
      });
      return {
        messageId: info.messageId,
        response: info.response,
        accepted: addresses(info.accepted),
        rejected: addresses(info.rejected),
      };
    },
    async verify() {
      await transporter.verify();
    },
    close() {
      transporter.close();
    },
  };
}
