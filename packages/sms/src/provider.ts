// The SMS provider contract: send one message, and report what comes back (delivery receipts,
// inbound messages such as STOP). Failures are classified so the sender knows whether to retry.
export interface OutgoingSms {
  /** E.164 without spaces, e.g. +33612345678. */
  to: string;
  /** Alphanumeric sender id (≤ 11 chars) or a number. */
  from: string;
  text: string;
}

export interface SentSms {
  providerId: string;
}

export type TDeliveryState = "delivered" | "undeliverable" | "expired" | "rejected" | "unknown";

export interface DeliveryReport {
  providerId: string;
  state: TDeliveryState;
  error?: string;
}

export interface InboundSms {
  from: string;
  to: string;
  text: string;
}

export class SmsSendError extends Error {
  constructor(
    readonly kind: "transient" | "permanent",
    message: string,
    readonly code?: number,
  ) {
    super(message);
    this.name = "SmsSendError";
  }
}

export interface SmsProvider {
  send(message: OutgoingSms): Promise<SentSms>;
  onDeliveryReport(listener: (report: DeliveryReport) => void): void;
  onInbound(listener: (sms: InboundSms) => void): void;
  /** Called once when a long-lived connection is lost (SMPP), so the owner can reconnect. */
  onClose?(listener: () => void): void;
  close(): Promise<void>;
}

const STOP_WORDS = /^\s*(stop|arr[eê]t|arreter|arrêter|unsubscribe|desabonner|désabonner|desinscription|désinscription|stopall|end|quit|cancel)\b/i;

/** "STOP", "Stop", "stop sms", "ARRÊT", "STOP 36180"… — the variants that must unsubscribe. */
export function isStopMessage(text: string): boolean {
  return STOP_WORDS.test(text.normalize("NFC"));
}
