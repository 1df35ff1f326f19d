// Sending with a commit point, for exactly-once campaigns. An SMTP server takes responsibility
// for a message when it reads the final "<CRLF>.<CRLF>"; a client killed before writing it
// leaves an incomplete message that the server discards. So the ledger's "sent" is committed
// after the body is on the wire and just before that terminator: a crash before the commit
// means the server drops the message (resend is safe); after it, the message is delivered and
// the ledger says so. The window left is the few microseconds between the commit's resolution
// and the terminator's write. nodemailer's pooled transport buffers the message ahead of the
// DATA command, so this drives nodemailer's SMTPConnection directly, with a small pool, and
// builds the MIME itself (mime.ts).
import { Readable } from "node:stream";
import DKIM from "nodemailer/lib/dkim";
import SMTPConnection from "nodemailer/lib/smtp-connection";
import { buildMime } from "./mime";
import { smtpServerFromUrl, type TSmtpServer } from "./smtp-server";
import type { TDkimKey, TOutgoingMail, TSentMail } from "./transport";

export interface CommittedSenderOptions {
  maxConnections?: number;
  /** Messages per connection before it is recycled. */
  maxMessages?: number;
  dkim?: TDkimKey;
  timeoutMs?: number;
}

export interface CommittedSender {
  /** Sends `message`; `commit` runs once the server has everything but the terminator. */
  send(message: TOutgoingMail, commit: () => Promise<void>): Promise<TSentMail>;
  close(): void;
}

interface Slot {
  connection: SMTPConnection | null;
  sent: number;
}

async function compose(message: TOutgoingMail, dkim?: TDkimKey): Promise<Buffer> {
  const domain = /@([^>\s]+)>?\s*$/.exec(message.from)?.[1] ?? "rappel.localhost";
  const built = buildMime(message, domain);
  if (!dkim) return built;
  const chunks: Buffer[] = [];
  for await (const chunk of new DKIM(dkim).sign(built)) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

/** "a@x, B <b@y>" → ["a@x", "b@y"]: one message to several recipients (e.g. a tenant's owners). */
export function envelopeRecipients(to: string): string[] {
  const bracketed = [...to.matchAll(/<([^>]+)>/g)].map((m) => m[1]!.trim());
  if (bracketed.length) return bracketed;
  return to.split(",").map((s) => s.trim()).filter(Boolean);
}

/** The message body, then — only once the consumer asks for more — the commit, then the end. */
function bodyThenCommit(body: Buffer, commit: () => Promise<void>): Readable {
  let pushed = false;
  return new Readable({
    read() {
      if (!pushed) {
        pushed = true;
        this.push(body);
        return;
      }
      commit().then(
        () => this.push(null),
        (error: unknown) => {
          // Never end the message: destroying the stream aborts it, the server discards it.
          this.destroy(error instanceof Error ? error : new Error(String(error)));
        },
      );
    },
  });
}

/** `target`: the platform's smtp:// URL or a tenant relay's server. */
export function createCommittedSender(target: string | TSmtpServer, options: CommittedSenderOptions = {}): CommittedSender {
  const server = typeof target === "string" ? smtpServerFromUrl(target) : target;
  const maxConnections = options.maxConnections ?? 16;
  const maxMessages = options.maxMessages ?? 1000;
  const timeout = options.timeoutMs ?? 30_000;
  const slots: Slot[] = Array.from({ length: maxConnections }, () => ({ connection: null, sent: 0 }));
  const idle: Slot[] = [...slots];
  const waiting: ((slot: Slot) => void)[] = [];
  let closed = false;

  const acquire = () =>
    new Promise<Slot>((resolve) => {
      const slot = idle.pop();
      if (slot) resolve(slot);
      else waiting.push(resolve);
    });
  const release = (slot: Slot) => {
    const next = waiting.shift();
    if (next) next(slot);
    else idle.push(slot);
  };
  const drop = (slot: Slot) => {
    slot.connection?.close();
    slot.connection = null;
    slot.sent = 0;
  };

  const open = (slot: Slot) =>
    new Promise<SMTPConnection>((resolve, reject) => {
      const connection = new SMTPConnection({
        host: server.host,
        port: server.port,
        secure: server.secure,
        ignoreTLS: server.ignoreTls,
        requireTLS: server.requireTls,
        connectionTimeout: timeout,
        greetingTimeout: timeout,
        socketTimeout: timeout,
      });
      connection.once("error", reject);
      connection.on("end", () => {
        if (slot.connection === connection) slot.connection = null;
      });
      connection.connect(() => {
        connection.removeListener("error", reject);
        // Body and terminator are separate small writes: with Nagle's algorithm the terminator
        // waits for the peer's delayed ACK (40 ms on Linux) — per message.
        const socket = (connection as unknown as { _socket?: { setNoDelay?: (on: boolean) => void } })._socket;
        socket?.setNoDelay?.(true);
        connection.on("error", () => {
          if (slot.connection === connection) slot.connection = null;
        });
        if (!server.auth) return resolve(connection);
        connection.login({ credentials: server.auth }, (error) => (error ? reject(error) : resolve(connection)));
      });
    });

  return {
    async send(message, commit) {
      if (closed) throw new Error("the sender is closed");
      const raw = await compose(message, message.dkim ?? options.dkim);
      const slot = await acquire();
      try {
        if (!slot.connection || slot.sent >= maxMessages) {
          drop(slot);
          slot.connection = await open(slot);
        }
        const connection = slot.connection;
        const info = await new Promise<{ response?: string; accepted: unknown[]; rejected: unknown[] }>((resolve, reject) => {
          connection.send(
            { from: message.envelopeFrom ?? /<([^>]+)>/.exec(message.from)?.[1] ?? message.from, to: envelopeRecipients(message.to) },
            bodyThenCommit(raw, commit),
            (error, result) => (error ? reject(error) : resolve(result as never)),
          );
        });
        slot.sent += 1;
        return {
          messageId: message.messageId ?? "",
          response: String(info.response ?? ""),
          accepted: (info.accepted ?? []).map(String),
          rejected: (info.rejected ?? []).map(String),
        };
      } catch (error) {
        // After a failed transaction the session state is unknown: start the next one afresh.
        drop(slot);
        throw error;
      } finally {
        release(slot);
      }
    },
    close() {
      closed = true;
      for (const slot of slots) {
        slot.connection?.quit();
        slot.connection = null;
      }
    },
  };
}
