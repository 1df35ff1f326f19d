// Sending with a commit point, for exactly-once campaigns. An SMTP server takes responsibility
// for a message when it reads the final "<CRLF>.<CRLF>"; a client killed before writing it
// leaves an incomplete message that the server discards. So the ledger's "sent" is written once
// the body is on the wire, and its COMMIT leaves together with that terminator: a crash before
// both means the server drops the message (resend is safe); after both, the message is delivered
// and the ledger says so. To keep the window between the two to a few system calls, the sender
// hands the caller a synchronous `finish()` once the body is in the kernel, and the caller calls
// it in the same synchronous step as writing its COMMIT (decision 0006). nodemailer's SMTPConnection still runs the
// session (envelope, replies, errors), but the body and the terminator go straight to its socket:
// through its DataStream the terminator would follow the stream's end several ticks later.
// nodemailer's pooled transport buffers the message ahead of the DATA command, so this drives
// SMTPConnection directly, with a small pool, and builds the MIME itself (mime.ts).
import type { Socket } from "node:net";
import { Readable, type Transform } from "node:stream";
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

/** The end of a message whose body is in the kernel's socket buffer, everything but the terminator. */
export interface MessageEnd {
  /** Writes the terminator now, in this call (no await before it reaches the socket). */
  finish(): void;
  /** Never ends the message: the connection is dropped and the server discards it. */
  abort(error: Error): void;
}

export interface CommittedSender {
  /**
   * Sends `message`; `onBodyWritten` runs once the server has everything but the terminator and
   * must end the message, with `finish()` or `abort()`. The promise is the server's final answer.
   */
  send(message: TOutgoingMail, onBodyWritten: (end: MessageEnd) => void): Promise<TSentMail>;
  close(): void;
}

/** The parts of nodemailer's SMTPConnection this sender reaches into (see bodyThenEnd). */
interface ConnectionInternals {
  _socket?: Socket;
  _currentDataStream?: (Transform & { _flush(done: () => void): void }) | false;
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

const BARE_LINE_END_OR_DOT = /\r(?!\n)|(?<!\r)\n|(?:^|\n)\./;

/**
 * The message as the DATA phase carries it: line ends as CRLF, a dot opening a line doubled
 * (RFC 5321 §4.5.2), the same rules as nodemailer's DataStream; then its terminator.
 */
export function dataPhase(body: Buffer): { data: Buffer; terminator: Buffer } {
  let data = body;
  const text = body.toString("latin1");
  if (BARE_LINE_END_OR_DOT.test(text)) {
    data = Buffer.from(text.replace(/\r\n|\r|\n/g, "\r\n").replace(/(^|\n)\./g, "$1.."), "latin1");
  }
  const endsLine = data.length >= 2 && data[data.length - 2] === 0x0d && data[data.length - 1] === 0x0a;
  return { data, terminator: Buffer.from(endsLine ? ".\r\n" : "\r\n.\r\n") };
}

/**
 * The message stream given to SMTPConnection.send. It carries no bytes: once the server said 354
 * (nodemailer starts reading it), the body is written to the socket directly, and when the kernel
 * has it, `onBodyWritten` gets the synchronous end. nodemailer's DataStream, which would write its
 * own terminator when this stream ends, has its flush emptied.
 */
function bodyThenEnd(connection: SMTPConnection, body: Buffer, onBodyWritten: (end: MessageEnd) => void): Readable {
  let started = false;
  const stream: Readable = new Readable({
    read() {
      if (started) return;
      started = true;
      const { _socket: socket, _currentDataStream: dataStream } = connection as unknown as ConnectionInternals;
      if (!socket || !dataStream || typeof dataStream._flush !== "function") {
        stream.destroy(new Error("nodemailer's SMTPConnection internals changed (_socket, _currentDataStream): cannot send with a commit point"));
        return;
      }
      dataStream._flush = (done) => done();
      const { data, terminator } = dataPhase(body);
      socket.write(data, (error) => {
        if (error) return stream.destroy(error);
        let ended = false;
        onBodyWritten({
          finish() {
            if (ended) return;
            ended = true;
            // A connection that broke meanwhile: its send already failed, nothing to end.
            if (socket.writable) socket.write(terminator);
            // Ending the (empty) stream is bookkeeping: after the caller's run of terminators.
            queueMicrotask(() => stream.push(null));
          },
          abort(reason) {
            if (ended) return;
            ended = true;
            stream.destroy(reason);
          },
        });
      });
    },
  });
  return stream;
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
        (connection as unknown as ConnectionInternals)._socket?.setNoDelay(true);
        connection.on("error", () => {
          if (slot.connection === connection) slot.connection = null;
        });
        if (!server.auth) return resolve(connection);
        connection.login({ credentials: server.auth }, (error) => (error ? reject(error) : resolve(connection)));
      });
    });

  return {
    async send(message, onBodyWritten) {
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
            bodyThenEnd(connection, raw, onBodyWritten),
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
