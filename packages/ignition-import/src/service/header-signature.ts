// A file's header row as a stable key: the next export from the same ticketing system has the
// same headers, so its saved mapping preset can be proposed again. Order does not matter (a
// mapping is keyed by header name); spacing and Unicode composition do not either.
import { createHash } from "node:crypto";

export function headerSignature(headers: readonly string[]): string {
  const names = headers.map((h) => h.normalize("NFC").replace(/\s+/g, " ").trim()).filter((h) => h !== "");
  return createHash("sha256").update(names.sort().join("\u0000")).digest("hex");
}
