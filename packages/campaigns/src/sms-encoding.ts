// SMS length maths (3GPP TS 23.038 / 23.040). A message that fits the GSM 03.38 alphabet is
// sent as GSM-7 (160 septets, or 153 per part when concatenated, each extension character
// counting twice); any other character forces UCS-2 (70 UTF-16 units, or 67 per part).

const GSM_BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
  "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM_EXTENSION = "^{}\\[~]|€\f";
const basic = new Set(Array.from(GSM_BASIC));
const extension = new Set(Array.from(GSM_EXTENSION));

export type TSmsEncoding = "GSM-7" | "UCS-2";

export interface SmsLength {
  encoding: TSmsEncoding;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2). */
  units: number;
  segments: number;
  /** Units left in the last segment before one more is needed. */
  remaining: number;
  /** The distinct characters that forced UCS-2 (empty for GSM-7). */
  ucs2Characters: string[];
}

export function isGsm7(text: string): boolean {
  return Array.from(text).every((c) => basic.has(c) || extension.has(c));
}

export function measureSms(text: string): SmsLength {
  const chars = Array.from(text);
  const forcing = [...new Set(chars.filter((c) => !basic.has(c) && !extension.has(c)))];
  if (forcing.length === 0) {
    const units = chars.reduce((n, c) => n + (extension.has(c) ? 2 : 1), 0);
    const segments = units <= 160 ? 1 : Math.ceil(units / 153);
    const capacity = segments === 1 ? 160 : segments * 153;
    return { encoding: "GSM-7", units, segments: Math.max(segments, 1), remaining: capacity - units, ucs2Characters: [] };
  }
  const units = text.length; // UTF-16 code units: an emoji counts 2
  const segments = units <= 70 ? 1 : Math.ceil(units / 67);
  const capacity = segments === 1 ? 70 : segments * 67;
  return { encoding: "UCS-2", units, segments: Math.max(segments, 1), remaining: capacity - units, ucs2Characters: forcing };
}

/** The opt-out mention French rules require on marketing SMS; it is part of the counted text. */
export const SMS_OPT_OUT_MENTION = "STOP au 36180";

export function withOptOutMention(text: string, mention = SMS_OPT_OUT_MENTION): string {
  const trimmed = text.trimEnd();
  return trimmed.includes(mention) ? trimmed : `${trimmed}\n${mention}`;
}

/** Total cost in cents of sending `text` to `recipients` people at `centsPerSegment`. */
export function estimateSmsCost(text: string, recipients: number, centsPerSegment: number): number {
  return measureSms(text).segments * recipients * centsPerSegment;
}
