// The MIME layer shared by delivery status notifications (RFC 3464) and feedback reports
// (RFC 5965): both are `multipart/report` with a machine-readable part of header-like fields
// and, usually, the original message or its headers.

/** Header-style fields of a block, names lower-cased, continuation lines unfolded. */
export function unfoldFields(block: string): Map<string, string> {
  const fields = new Map<string, string>();
  const lines = block.replace(/\r\n/g, "\n").replace(/\n[ \t]+/g, " ").split("\n");
  for (const line of lines) {
    const i = line.indexOf(":");
    if (i > 0) {
      const name = line.slice(0, i).trim().toLowerCase();
      if (!fields.has(name)) fields.set(name, line.slice(i + 1).trim());
    }
  }
  return fields;
}

export interface ReportPart {
  /** Lower-cased content type without parameters. */
  type: string;
  content: string;
}

/** The parts of a multipart/report of `reportType`, or null when the message is something else. */
export function splitReport(raw: string, reportType: "delivery-status" | "feedback-report"): ReportPart[] | null {
  const text = raw.replace(/\r\n/g, "\n");
  const headerEnd = text.indexOf("\n\n");
  const headers = unfoldFields(text.slice(0, headerEnd < 0 ? text.length : headerEnd));
  const contentType = headers.get("content-type") ?? "";
  if (!/multipart\/report/i.test(contentType) || !new RegExp(`report-type="?${reportType}`, "i").test(contentType)) return null;
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!boundary) return null;
  return text
    .split(`--${boundary}`)
    .slice(1)
    .filter((p) => !p.startsWith("--"))
    .map((part) => {
      const body = part.replace(/^\n/, "");
      const sep = body.indexOf("\n\n");
      const partHeaders = unfoldFields(body.slice(0, sep < 0 ? body.length : sep));
      const type = (partHeaders.get("content-type") ?? "text/plain").split(";")[0]!.trim().toLowerCase();
      return { type, content: sep < 0 ? "" : body.slice(sep + 2) };
    });
}

/** The returned original's headers (message/rfc822 or text/rfc822-headers part), if any. */
export function originalHeaders(parts: readonly ReportPart[]): Map<string, string> {
  const part = parts.find((p) => p.type === "message/rfc822" || p.type === "text/rfc822-headers");
  if (!part) return new Map();
  const end = part.content.indexOf("\n\n");
  return unfoldFields(end < 0 ? part.content : part.content.slice(0, end));
}

/** "rfc822; a@b" → "a@b"; "<a@b>" → "a@b". */
export const stripAddressType = (v: string | undefined) =>
  (v ?? "").replace(/^[a-z0-9-]+;\s*/i, "").trim().replace(/^<(.*)>$/, "$1");
