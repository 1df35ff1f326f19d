// Bounces: from the SMTP reply seen while sending, and from delivery status notifications
// (DSN, RFC 3464) received later. 5.x.x is a hard bounce (never mail the address again),
// 4.x.x a soft one (retried, then given up).
import { originalHeaders, splitReport, unfoldFields } from "./report-parts";

export type TBounceKind = "hard" | "soft";

export interface DsnRecipient {
  finalRecipient: string;
  action: string; // failed, delayed, delivered, relayed, expanded
  status: string; // e.g. 5.1.1
  diagnostic?: string;
  kind: TBounceKind | null; // null when the action is not a failure or delay
}

export interface ParsedDsn {
  /** The original message's Message-ID, when the DSN returns its headers. */
  originalMessageId?: string;
  recipients: DsnRecipient[];
  /** The returned original's headers (Return-Path, X-Rappel-Ref…), empty when not returned. */
  originalHeaders: Map<string, string>;
}

export function classifyStatusCode(status: string | number): TBounceKind | null {
  const s = String(status).trim();
  if (/^5/.test(s)) return "hard";
  if (/^4/.test(s)) return "soft";
  return null;
}

const stripType = (v: string | undefined) => (v ?? "").replace(/^[a-z0-9-]+;\s*/i, "").trim();

/** Parses a multipart/report; report-type=delivery-status message. Returns null for anything else. */
export function parseDsn(raw: string): ParsedDsn | null {
  const parts = splitReport(raw, "delivery-status");
  if (!parts) return null;
  const original = originalHeaders(parts);
  const result: ParsedDsn = { recipients: [], originalHeaders: original };
  const messageId = original.get("message-id");
  if (messageId) result.originalMessageId = messageId;
  for (const part of parts) {
    if (!part.type.startsWith("message/delivery-status")) continue;
    // One per-message block, then one block per recipient, separated by blank lines.
    const blocks = part.content.split(/\n\s*\n/).map(unfoldFields);
    for (const fields of blocks.slice(1)) {
      const finalRecipient = stripType(fields.get("final-recipient"));
      if (!finalRecipient) continue;
      const action = (fields.get("action") ?? "").toLowerCase();
      const status = (fields.get("status") ?? "").split(/\s/)[0] ?? "";
      const diagnostic = fields.get("diagnostic-code");
      result.recipients.push({
        finalRecipient,
        action,
        status,
        ...(diagnostic ? { diagnostic: stripType(diagnostic) } : {}),
        kind: action === "failed" || action === "delayed" ? classifyStatusCode(status) : null,
      });
    }
  }
  return result;
}
