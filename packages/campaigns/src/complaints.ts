// Complaints: feedback reports (ARF, RFC 5965) that mailbox providers send when a recipient
// marks a message as spam. What identifies our message is the original's envelope sender
// (our signed VERP address), given as Original-Mail-From or as the returned Return-Path, or
// the X-Rappel-Ref header every campaign message carries.
import { originalHeaders, splitReport, stripAddressType, unfoldFields } from "./report-parts";

export interface ParsedFeedbackReport {
  /** abuse, fraud, virus, not-spam, other… (lower-cased). */
  feedbackType: string;
  /** Envelope senders and references that may name the original delivery, most reliable first. */
  references: string[];
  originalMessageId?: string;
}

/** Parses a multipart/report; report-type=feedback-report message. Returns null for anything else. */
export function parseFeedbackReport(raw: string): ParsedFeedbackReport | null {
  const parts = splitReport(raw, "feedback-report");
  if (!parts) return null;
  const report = parts.find((p) => p.type === "message/feedback-report");
  if (!report) return null;
  const fields = unfoldFields(report.content);
  const original = originalHeaders(parts);
  const references = [
    stripAddressType(fields.get("original-mail-from")),
    stripAddressType(original.get("return-path")),
    (original.get("x-rappel-ref") ?? "").trim(),
  ].filter((r, i, all) => r && all.indexOf(r) === i);
  const messageId = original.get("message-id");
  return {
    feedbackType: (fields.get("feedback-type") ?? "").toLowerCase(),
    references,
    ...(messageId ? { originalMessageId: messageId } : {}),
  };
}

/** Feedback types that are a complaint about our mail (not-spam reports are not). */
export const isComplaint = (report: ParsedFeedbackReport) => report.feedbackType !== "not-spam";
