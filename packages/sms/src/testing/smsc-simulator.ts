// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- `smpp` ships no types: packages that compile this source (the worker) need the ambient declaration too
/// <reference path="../smpp.d.ts" />
// A local SMSC built on the same `smpp` package: accepts binds, records submit_sm, answers with
// a message id, sends a delivery receipt (DELIVRD, or UNDELIV for numbers ending in 0), can
// throttle, and can inject inbound messages (a spectator replying STOP).
import type { AddressInfo } from "node:net";
import smpp, { type PDU, type Session } from "smpp";

export interface SubmittedSms {
  id: string;
  from: string;
  to: string;
  text: string;
}

export interface SmscSimulator {
  url: string;
  submitted: SubmittedSms[];
  /** Refuse the next n submits with ESME_RTHROTTLED. */
  throttleNext(n: number): void;
  sendInbound(from: string, to: string, text: string): Promise<void>;
  /** How many sessions are bound right now (an ESME's receiver counts once). */
  boundSessions(): number;
  stop(): Promise<void>;
}

function bodyOf(pdu: PDU): string {
  for (const field of ["short_message", "message_payload"]) {
    const v = pdu[field] as { message?: string } | Buffer | string | undefined;
    if (!v) continue;
    const s = typeof v === "string" ? v : Buffer.isBuffer(v) ? v.toString("utf8") : (v.message ?? "");
    if (s) return s;
  }
  return "";
}

export async function startSmscSimulator(options: { systemId?: string; password?: string } = {}): Promise<SmscSimulator> {
  const submitted: SubmittedSms[] = [];
  const sessions = new Set<Session>();
  let throttle = 0;
  let seq = 0;
  const server = smpp.createServer({}, (session: Session) => {
    session.on("error", () => undefined);
    session.on("close", () => sessions.delete(session));
    session.on("bind_transceiver", (pdu: PDU) => {
      const ok = pdu.system_id === (options.systemId ?? "rappel") && pdu.password === (options.password ?? "secret");
      session.send(pdu.response(ok ? {} : { command_status: 0x0d /* ESME_RBINDFAIL */ }));
      // Only bound sessions receive inbound messages.
      if (ok) sessions.add(session);
      else session.close();
    });
    session.on("enquire_link", (pdu: PDU) => session.send(pdu.response()));
    session.on("unbind", (pdu: PDU) => session.send(pdu.response()));
    session.on("submit_sm", (pdu: PDU) => {
      if (throttle > 0) {
        throttle -= 1;
        session.send(pdu.response({ command_status: 0x58 }));
        return;
      }
      const id = `sim${++seq}`;
      const sms = { id, from: String(pdu.source_addr), to: String(pdu.destination_addr), text: bodyOf(pdu) };
      submitted.push(sms);
      session.send(pdu.response({ message_id: id }));
      if (pdu.registered_delivery) {
        const stat = sms.to.endsWith("0") ? "UNDELIV" : "DELIVRD";
        setTimeout(() => {
          session.deliver_sm({
            source_addr: sms.to, destination_addr: sms.from, esm_class: 0x04,
            short_message: `id:${id} sub:001 dlvrd:${stat === "DELIVRD" ? "001" : "000"} submit date:2611221900 done date:2611221900 stat:${stat} err:${stat === "DELIVRD" ? "000" : "001"} text:`,
          });
        }, 10);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `smpp://127.0.0.1:${port}`,
    submitted,
    throttleNext: (n) => void (throttle = n),
    async sendInbound(from, to, text) {
      await Promise.all([...sessions].map((s) => new Promise<void>((resolve) => s.deliver_sm({ source_addr: from, destination_addr: to, esm_class: 0, short_message: text }, () => resolve()))));
    },
    boundSessions: () => sessions.size,
    stop: () => new Promise<void>((resolve) => {
      for (const s of sessions) s.close();
      server.close(() => resolve());
    }),
  };
}
