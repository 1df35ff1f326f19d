// A real SMTP server for tests and benchmarks (smtp-server + mailparser): it speaks the protocol
// nodemailer speaks to production relays, records what it accepts, and can refuse a recipient
// temporarily (4xx) or permanently (5xx) so retry and bounce paths are exercised for real.
import type { AddressInfo, Socket } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer, type SMTPServerAddress } from "smtp-server";

export type TPeerVerdict = "accept" | "tempfail" | "permfail";

export type ReceivedMail = {
  envelope: { from: string; to: string[] };
  raw: Buffer;
  subject: string;
  text: string;
  html: string;
  /** Header names lower-cased, values as sent (unfolded). */
  headers: Map<string, string>;
  /** The user the client logged in as (AUTH), when it did. */
  authUser?: string;
};

export type SmtpPeerOptions = {
  /** Decides each RCPT TO; every recipient is accepted by default. */
  verdict?: (recipient: string) => TPeerVerdict;
  /**
   * "envelope" keeps only the envelope (benchmarks of 100,000 messages): no MIME parsing, and the
   * body is read and dropped, so `raw` is empty and subject/text/html too. Holding every body
   * (gigabytes at 100,000) made the peer's garbage collection, not the sender, set the pace.
   */
  keep?: "parsed" | "envelope";
  /** Called for each accepted message (the e2e runner writes them to a folder the browser tests read). */
  onMessage?: (mail: ReceivedMail) => void;
  /** Demands AUTH with these credentials (a tenant's own relay); any login is accepted otherwise. */
  auth?: { user: string; pass: string };
  /**
   * Called for each message whose connection closed before the peer accepted it (the crash
   * harness's evidence): whether the "<CRLF>.<CRLF>" terminator had reached the peer's socket,
   * and whether the client's kernel reset the connection (RST) rather than closing it (FIN).
   */
  onAborted?: (aborted: AbortedMail) => void;
};

export type AbortedMail = { to: string[]; terminatorArrived: boolean; reset: boolean };

export type SmtpPeer = {
  /** smtp://127.0.0.1:<port> — use with `createMailTransport(url, { ignoreTls: true })`. */
  url: string;
  port: number;
  readonly messages: readonly ReceivedMail[];
  /** Recipients refused, with the reply code given. */
  readonly refusals: readonly { recipient: string; code: number }[];
  /** Connections that broke mid-session (e.g. ECONNRESET from a killed client). */
  readonly connectionErrors: readonly string[];
  waitForMessages(count: number, timeoutMs?: number): Promise<readonly ReceivedMail[]>;
  clear(): void;
  stop(): Promise<void>;
};

function refusal(verdict: Exclude<TPeerVerdict, "accept">): Error & { responseCode: number } {
  const error = new Error(
    verdict === "tempfail" ? "4.2.1 Mailbox busy, try again later" : "5.1.1 No such user here",
  ) as Error & { responseCode: number };
  error.responseCode = verdict === "tempfail" ? 450 : 550;
  return error;
}

export async function startSmtpPeer(options: SmtpPeerOptions = {}): Promise<SmtpPeer> {
  const messages: ReceivedMail[] = [];
  const refusals: { recipient: string; code: number }[] = [];
  const connectionErrors: string[] = [];
  const waiters = new Set<() => void>();
  const keep = options.keep ?? "parsed";

  const server = new SMTPServer({
    disabledCommands: ["STARTTLS"],
    authOptional: !options.auth,
    allowInsecureAuth: true,
    logger: false,
    size: 25 * 1024 * 1024,
    maxClients: 200,
    onAuth(auth, _session, callback) {
      if (!options.auth) return callback(null, { user: "test" });
      if (auth.username === options.auth.user && auth.password === options.auth.pass) return callback(null, { user: auth.username });
      const error = new Error("5.7.8 Authentication credentials invalid") as Error & { responseCode: number };
      error.responseCode = 535;
      callback(error);
    },
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      const verdict = options.verdict?.(address.address) ?? "accept";
      if (verdict === "accept") return callback();
      const error = refusal(verdict);
      refusals.push({ recipient: address.address, code: error.responseCode });
      callback(error);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("error", () => {
        const wire = wires.get(session.remotePort);
        options.onAborted?.({
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          terminatorArrived: wire?.tail.endsWith("\r\n.\r\n") ?? false,
          reset: wire?.reset ?? false,
        });
      });
      stream.on("data", (chunk: Buffer) => {
        if (keep === "parsed") chunks.push(chunk);
      });
      stream.on("end", () => {
        const raw = Buffer.concat(chunks);
        const envelope = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
        };
        const authUser = typeof session.user === "string" ? session.user : undefined;
        const record = async (): Promise<ReceivedMail> => {
          if (keep === "envelope") return { envelope, raw, subject: "", text: "", html: "", headers: new Map(), authUser };
          const parsed = await simpleParser(raw);
          const headers = new Map(parsed.headerLines.map((line) => [line.key, line.line.slice(line.line.indexOf(":") + 1).replace(/\r?\n\s+/g, " ").trim()]));
          return {
            envelope,
            raw,
            subject: parsed.subject ?? "",
            text: parsed.text ?? "",
            html: typeof parsed.html === "string" ? parsed.html : "",
            headers,
            authUser,
          };
        };
        record().then(
          (mail) => {
            messages.push(mail);
            options.onMessage?.(mail);
            for (const wake of waiters) wake();
            callback(null, `2.0.0 Ok: queued as ${messages.length}`);
          },
          (error: Error) => callback(error),
        );
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  // A client that dies mid-session (a worker killed by a crash test) resets its connection; the
  // server reports it as an "error" event, which must not bring the peer down with it.
  server.on("error", (error: NodeJS.ErrnoException) => {
    connectionErrors.push(error.code ?? error.message);
  });
  const port = (server.server.address() as AddressInfo).port;
  // What each connection's socket last received, by client port, for onAborted.
  const wires = new Map<number, { tail: string; reset: boolean }>();
  if (options.onAborted) {
    server.server.on("connection", (socket: Socket) => {
      const remotePort = socket.remotePort ?? 0;
      const wire = { tail: "", reset: false };
      wires.set(remotePort, wire);
      socket.on("data", (chunk: Buffer) => (wire.tail = (wire.tail + chunk.toString("latin1")).slice(-5)));
      socket.on("error", (error: NodeJS.ErrnoException) => (wire.reset ||= error.code === "ECONNRESET"));
      socket.on("close", () => setTimeout(() => wires.delete(remotePort), 1_000));
    });
  }

  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    refusals,
    connectionErrors,
    waitForMessages(count, timeoutMs = 10_000) {
      if (messages.length >= count) return Promise.resolve(messages);
      return new Promise((resolve, reject) => {
        const wake = () => {
          if (messages.length < count) return;
          clearTimeout(timer);
          waiters.delete(wake);
          resolve(messages);
        };
        const timer = setTimeout(() => {
          waiters.delete(wake);
          reject(new Error(`SMTP peer received ${messages.length} of ${count} messages within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(wake);
      });
    },
    clear() {
      messages.length = 0;
      refusals.length = 0;
    },
    stop() {
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
