// Bounces: from the SMTP reply seen while sending, and from delivery status notifications
// (DSN, RFC 3464) received later. 5.x.x is a hard bounce (never mail the address again),
// 4.x.x a soft one (retried, then given up).

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
}

export function classifyStatusCode(status: string | number): TBounceKind | null {
  const s = String(status).trim();
  if (/^5/.test(s)) return "hard";
  if (/^4/.test(s)) return "soft";
  return null;
}

function unfold(block: string): Map<string, string> {
  const fields = new Map<string, string>();
  const lines = block.replace(/\r\n/g, "\n").replace(/\n[ \t]+/g, " ").split("\n");
  for (const line of lines) {
    const i = line.indexOf(":");
    if (i > 0) fields.set(line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim());
  }
  return fields;
}

const stripType = (v: string | undefined) => (v ?? "").replace(/^[a-z0-9-]+;\s*/i, "").trim();

/** Parses a multipart/report; report-type=delivery-status message. Returns null for anything else. */
export function parseDsn(raw: string): ParsedDsn | null {
  const text = raw.replace(/\r\n/g, "\n");
  const headerEnd = text.indexOf("\n\n");
  const headers = unfold(text.slice(0, headerEnd < 0 ? text.length : headerEnd));
  const contentType = headers.get("content-type") ?? "";
  if (!/multipart\/report/i.test(contentType) || !/report-type="?delivery-status/i.test(contentType)) return null;
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!boundary) return null;
  const parts = text.split(`--${boundary}`).slice(1).filter((p) => !p.startsWith("--"));
  const result: ParsedDsn = { recipients: [] };
  for (const part of parts) {
    const body = part.replace(/^\n/, "");
    const sep = body.indexOf("\n\n");
    const partHeaders = unfold(body.slice(0, sep < 0 ? body.length : sep));
    const partType = (partHeaders.get("content-type") ?? "").toLowerCase();
    const content = sep < 0 ? "" : body.slice(sep + 2);
    if (partType.startsWith("message/delivery-status")) {
      // One per-message block, then one block per recipient, separated by blank lines.
      const blocks = content.split(/\n\s*\n/).map(unfold);
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
    } else if (partType.startsWith("message/rfc822") || partType.startsWith("text/rfc822-headers")) {
      const id = /^message-id:\s*(<[^>]+>)/im.exec(content)?.[1];
      if (id) result.originalMessageId = id;
    }
  }
  return result;
}
