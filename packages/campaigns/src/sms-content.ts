// The SMS campaign content model and the rules shared by the editor and the worker: the sender
// id, the merge tags, the opt-out mention appended to every marketing SMS (and counted), and the
// per-character view the editor uses to highlight what forces UCS-2.
import { z } from "zod";
import { applyMergeTags, type TMergeValues } from "./merge-tags";
import { measureSms, withOptOutMention, type SmsLength } from "./sms-encoding";

/** An alphanumeric sender id (1–11 letters/digits, at least one letter) or a phone number. */
export const ZSmsSenderId = z
  .string()
  .trim()
  .refine((v) => /^(?=.*[A-Za-z])[A-Za-z0-9]{1,11}$/.test(v) || /^\+?\d{3,15}$/.test(v), {
    message: "sender id: 1 to 11 letters or digits (at least one letter), or a phone number",
  });

/** E.164 number for a test send (+ and 8 to 15 digits). */
export const ZE164 = z
  .string()
  .trim()
  .transform((v) => v.replace(/[\s.-]/g, ""))
  .pipe(z.string().regex(/^\+[1-9]\d{7,14}$/, "phone number in international form, e.g. +33612345678"));

export const ZSmsContent = z.strictObject({
  text: z.string().trim().min(1).max(1000),
  senderId: ZSmsSenderId,
  /** The staff member's own number for test sends (kept on the draft so job payloads carry ids only). */
  testPhone: ZE164.optional(),
});
export type TSmsContent = z.infer<typeof ZSmsContent>;

/** The text a recipient gets: merge tags applied, then the opt-out mention appended. */
export function composeSms(text: string, values: TMergeValues, optOutMention: string): string {
  return withOptOutMention(applyMergeTags(text, values), optOutMention);
}

export interface SmsPreview extends SmsLength {
  /** The counted text (fallbacks in place of merge tags, mention appended). */
  text: string;
  /** The text cut into runs, flagged when the run's characters force UCS-2. */
  runs: { text: string; forcesUcs2: boolean }[];
  costCents: number;
}

/** What the editor shows while typing: counts, encoding, offending characters and cost. */
export function previewSms(text: string, optOutMention: string, recipients: number, centsPerSegment: number): SmsPreview {
  const full = composeSms(text, {}, optOutMention);
  const length = measureSms(full);
  const forcing = new Set(length.ucs2Characters);
  const runs: SmsPreview["runs"] = [];
  for (const c of Array.from(full)) {
    const forcesUcs2 = forcing.has(c);
    const last = runs.at(-1);
    if (last && last.forcesUcs2 === forcesUcs2) last.text += c;
    else runs.push({ text: c, forcesUcs2 });
  }
  return { ...length, text: full, runs, costCents: length.segments * recipients * centsPerSegment };
}

export interface SmsCampaignEstimate {
  messages: number;
  /** Summed message by message: a long first name can push one recipient's SMS into a second segment. */
  segments: number;
  costCents: number;
}

/** The cost of a campaign from each recipient's own message (merge tags filled, mention appended). */
export function estimateSmsCampaign(text: string, optOutMention: string, recipients: Iterable<TMergeValues>, centsPerSegment: number): SmsCampaignEstimate {
  let messages = 0;
  let segments = 0;
  for (const values of recipients) {
    messages += 1;
    segments += measureSms(composeSms(text, values, optOutMention)).segments;
  }
  return { messages, segments, costCents: segments * centsPerSegment };
}
