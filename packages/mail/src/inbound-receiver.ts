// An inbound SMTP receiver for the mail that comes back: delivery status notifications sent to
// our VERP bounce addresses and feedback-loop reports. It is not a mailbox: it refuses every
// recipient that `acceptRecipient` does not vouch for (so it can never relay or collect spam),
// caps the message size, and answers 250 only once `onMessage` has recorded the message — on an
// error it answers 451 so the sending MTA keeps the message and tries again later.
import type { AddressInfo } from "node:net";
import { SMTPServer, type SMTPServerAddress } from "smtp-server";

export interface InboundMessage {
  /** MAIL FROM (empty for DSNs, which use the null sender). */
  mailFrom: string;
  /** The accepted RCPT TO addresses. */
  recipients: string[];
  raw: Buffer;
}

export interface InboundReceiverOptions {
  host?: string;
  /** 0 picks a free port (tests). */
  port: number;
  /** Whether a RCPT TO address is one we take mail for; everything else gets 550. */
  acceptRecipient: (address: string) => boolean;
  onMessage: (message: InboundMessage) => Promise<void>;
  /** Bytes; DSNs and ARF reports quoting a campaign message are far smaller. */
  maxSize?: number;
  /** Called for errors of the handler or of connections (logged by the caller). */
  onError?: (error: Error) => void;
}

export interface InboundReceiver {
  port: number;
  stop(): Promise<void>;
}

const smtpError = (message: string, responseCode: number) => Object.assign(new Error(message), { responseCode });

export async function startInboundReceiver(options: InboundReceiverOptions): Promise<InboundReceiver> {
  const maxSize = options.maxSize ?? 2 * 1024 * 1024;
  const server = new SMTPServer({
    // Plain SMTP on an internal port: TLS, when wanted, is terminated by the MX in front.
    disabledCommands: ["STARTTLS", "AUTH"],
    authOptional: true,
    logger: false,
    size: maxSize,
    maxClients: 50,
    banner: "Rappel feedback receiver",
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      if (options.acceptRecipient(address.address)) return callback();
      callback(smtpError("5.1.1 No such recipient here", 550));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
          return callback(smtpError("5.3.4 Message too big", 552));
        }
        const message: InboundMessage = {
          mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          recipients: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks),
        };
        options.onMessage(message).then(
          () => callback(null, "2.0.0 Ok: recorded"),
          (error: unknown) => {
            options.onError?.(error instanceof Error ? error : new Error(String(error)));
            callback(smtpError("4.3.0 Could not record the message, try again later", 451));
          },
        );
      });
    },
  });
  server.on("error", (error: Error) => options.onError?.(error));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? "0.0.0.0", () => {
      server.removeListener("error", reject);
      resolve();
    });
  });
  return {
    port: (server.server.address() as AddressInfo).port,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
