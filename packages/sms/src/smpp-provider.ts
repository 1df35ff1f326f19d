// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- `smpp` ships no types: packages that compile this source (the worker) need the ambient declaration too
/// <reference path="./smpp.d.ts" />
// SMPP 3.4 provider (the protocol SMS aggregators speak), over the `smpp` package: a bound
// transceiver session, submit_sm with delivery receipts requested, deliver_sm for receipts
// (esm_class bit 2) and inbound messages. Throttling and temporary SMSC errors are transient.
import smpp, { type PDU, type Session } from "smpp";
import { SmsSendError, type DeliveryReport, type InboundSms, type OutgoingSms, type SentSms, type SmsProvider, type TDeliveryState } from "./provider";

export interface SmppProviderOptions {
  url: string; // smpp://host:port
  systemId: string;
  password: string;
}

const TRANSIENT = new Set([0x58 /* ESME_RTHROTTLED */, 0x14 /* ESME_RMSGQFUL */, 0x08 /* ESME_RSYSERR */, 0x45 /* ESME_RSUBMITFAIL */]);

const STATES: Record<string, TDeliveryState> = { DELIVRD: "delivered", UNDELIV: "undeliverable", EXPIRED: "expired", REJECTD: "rejected" };

/** Parses the SMPP receipt text ("id:… sub:… dlvrd:… stat:DELIVRD err:000 …"). */
export function parseDeliveryReceipt(text: string): DeliveryReport | null {
  const id = /\bid:(\S+)/i.exec(text)?.[1];
  const stat = /\bstat:(\S+)/i.exec(text)?.[1];
  if (!id || !stat) return null;
  const err = /\berr:(\S+)/i.exec(text)?.[1];
  return { providerId: id, state: STATES[stat.toUpperCase()] ?? "unknown", ...(err && err !== "000" ? { error: err } : {}) };
}

function text(pdu: PDU): string {
  const sm = pdu.short_message as { message?: string } | Buffer | string | undefined;
  const payload = pdu.message_payload as { message?: string } | Buffer | string | undefined;
  const value = sm && (typeof sm === "string" || Buffer.isBuffer(sm) ? String(sm) : sm.message) ? sm : payload;
  if (!value) return "";
  return typeof value === "string" ? value : Buffer.isBuffer(value) ? value.toString("utf8") : (value.message ?? "");
}

export async function connectSmppProvider(options: SmppProviderOptions): Promise<SmsProvider> {
  const reports: ((r: DeliveryReport) => void)[] = [];
  const inbound: ((s: InboundSms) => void)[] = [];
  const session: Session = await new Promise((resolve, reject) => {
    const s = smpp.connect({ url: options.url, auto_enquire_link_period: 10_000 });
    s.once("error", reject);
    s.on("connect", () => {
      s.bind_transceiver({ system_id: options.systemId, password: options.password }, (pdu) => {
        if (pdu.command_status === 0) resolve(s);
        else reject(new SmsSendError("permanent", `SMPP bind refused (status ${pdu.command_status})`, pdu.command_status));
      });
    });
  });
  const closed: (() => void)[] = [];
  let closing = false;
  session.on("error", () => undefined); // reconnecting is the caller's (worker's) job
  session.once("close", () => {
    if (!closing) for (const l of closed) l();
  });
  session.on("deliver_sm", (pdu: PDU) => {
    session.send(pdu.response());
    const body = text(pdu);
    if ((Number(pdu.esm_class) & 0x04) !== 0) {
      const report = parseDeliveryReceipt(body);
      if (report) for (const l of reports) l(report);
      return;
    }
    const sms = { from: String(pdu.source_addr ?? ""), to: String(pdu.destination_addr ?? ""), text: body };
    for (const l of inbound) l(sms);
  });

  return {
    send(message: OutgoingSms): Promise<SentSms> {
      return new Promise((resolve, reject) => {
        // Over 254 bytes the text goes in message_payload (one PDU; the SMSC segments it).
        const long = Buffer.byteLength(message.text, "utf8") > 140;
        session.submit_sm(
          {
            source_addr: message.from,
            source_addr_ton: /^\+?\d+$/.test(message.from) ? 1 : 5,
            destination_addr: message.to.replace(/^\+/, ""),
            dest_addr_ton: 1,
            registered_delivery: 1,
            ...(long ? { message_payload: message.text } : { short_message: message.text }),
          },
          (pdu) => {
            if (pdu.command_status === 0) return resolve({ providerId: String(pdu.message_id) });
            const kind = TRANSIENT.has(pdu.command_status) ? "transient" : "permanent";
            reject(new SmsSendError(kind, `SMSC refused the message (status 0x${pdu.command_status.toString(16)})`, pdu.command_status));
          },
        );
      });
    },
    onDeliveryReport: (l) => void reports.push(l),
    onInbound: (l) => void inbound.push(l),
    onClose: (l) => void closed.push(l),
    close: () => {
      closing = true;
      return new Promise<void>((resolve) => {
        // A dead session never answers the unbind: close it anyway after a short wait.
        const timer = setTimeout(() => session.close(() => resolve()), 1_000);
        session.unbind({}, () => { clearTimeout(timer); session.close(); resolve(); });
      });
    },
  };
}
