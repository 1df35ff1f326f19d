// What a failed send means for a retry: a 4xx reply or a network failure may succeed later
// (back off and retry); a 5xx reply will not (record the reason, never retry).
export type TSmtpFailure = {
  kind: "transient" | "permanent";
  /** The SMTP reply code when the server answered (421, 450, 550…). */
  code?: number;
  /** The server's words or the network error, for the send's record. */
  reason: string;
};

const NETWORK_CODES = new Set(["ECONNECTION", "ETIMEDOUT", "ESOCKET", "EDNS", "ECONNREFUSED", "ECONNRESET", "EPIPE", "EPROTOCOL"]);

export function classifySmtpError(error: unknown): TSmtpFailure {
  const e = (error ?? {}) as { responseCode?: unknown; code?: unknown; response?: unknown; message?: unknown };
  const reason = String(e.response ?? e.message ?? error);
  if (typeof e.responseCode === "number") {
    return { kind: e.responseCode >= 500 ? "permanent" : "transient", code: e.responseCode, reason };
  }
  if (typeof e.code === "string" && NETWORK_CODES.has(e.code)) return { kind: "transient", reason };
  // A message nodemailer could not even build (bad address, bad header) will not improve.
  return { kind: "permanent", reason };
}
