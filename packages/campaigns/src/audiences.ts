// Custom-audience files for Meta and Google Ads: each platform's own normalisation, then SHA-256
// (hex, lowercase), so the files carry no clear personal data. Only people whose consent allows
// it are passed in (the caller filters on consent).
import { createHash } from "node:crypto";

export const sha256Hex = (value: string) => createHash("sha256").update(value, "utf8").digest("hex");

/** Both platforms: trim and lower-case the address. Google also drops dots and "+tags" from
 * gmail.com / googlemail.com local parts. */
export function normaliseEmailForMeta(email: string): string {
  return email.trim().toLowerCase();
}

export function normaliseEmailForGoogle(email: string): string {
  const lower = email.trim().toLowerCase();
  const [local, domain] = lower.split("@");
  if (!local || !domain) return lower;
  if (domain === "gmail.com" || domain === "googlemail.com") {
    return `${local.split("+")[0]!.replaceAll(".", "")}@${domain}`;
  }
  return lower;
}

/** A French number in national form ("06 12 34 56 78") or any international form, as digits
 * with the country code. */
function phoneDigits(phone: string, defaultCountryCode = "33"): string | null {
  const trimmed = phone.trim();
  let digits = trimmed.replace(/\D/g, "");
  if (trimmed.startsWith("+")) return digits || null;
  if (digits.startsWith("00")) return digits.slice(2) || null;
  if (digits.startsWith("0")) digits = defaultCountryCode + digits.slice(1);
  return digits.length >= 8 ? digits : null;
}

/** Meta: digits only, country code included, no "+" nor leading zeros. */
export function normalisePhoneForMeta(phone: string): string | null {
  return phoneDigits(phone);
}

/** Google Customer Match: E.164, with the leading "+". */
export function normalisePhoneForGoogle(phone: string): string | null {
  const digits = phoneDigits(phone);
  return digits ? `+${digits}` : null;
}

export interface AudienceContact {
  email?: string | null;
  phone?: string | null;
}

/** Meta Custom Audiences CSV (EMAIL, PHONE columns, hashed). */
export function buildMetaAudienceCsv(contacts: Iterable<AudienceContact>): string {
  const lines = ["email,phone"];
  for (const c of contacts) {
    const email = c.email ? sha256Hex(normaliseEmailForMeta(c.email)) : "";
    const phoneNorm = c.phone ? normalisePhoneForMeta(c.phone) : null;
    const phone = phoneNorm ? sha256Hex(phoneNorm) : "";
    if (email || phone) lines.push(`${email},${phone}`);
  }
  return `${lines.join("\n")}\n`;
}

/** Google Customer Match CSV (Email, Phone headers, hashed). */
export function buildGoogleAudienceCsv(contacts: Iterable<AudienceContact>): string {
  const lines = ["Email,Phone"];
  for (const c of contacts) {
    const email = c.email ? sha256Hex(normaliseEmailForGoogle(c.email)) : "";
    const phoneNorm = c.phone ? normalisePhoneForGoogle(c.phone) : null;
    const phone = phoneNorm ? sha256Hex(phoneNorm) : "";
    if (email || phone) lines.push(`${email},${phone}`);
  }
  return `${lines.join("\n")}\n`;
}
