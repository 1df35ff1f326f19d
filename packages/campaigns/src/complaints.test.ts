import { describe, expect, it } from "vitest";
import { isComplaint, parseFeedbackReport } from "./complaints";

// RFC 5965 §B.2-style report, as mailbox providers' feedback loops send them.
const ARF = [
  "From: <abuse@mailbox.example>",
  "To: <feedback@bounces.rappel.example>",
  "Subject: FW: La saison commence",
  "MIME-Version: 1.0",
  'Content-Type: multipart/report; report-type=feedback-report;',
  '     boundary="part1_13d.2e68ed54_boundary"',
  "",
  "--part1_13d.2e68ed54_boundary",
  "Content-Type: text/plain; charset=\"US-ASCII\"",
  "",
  "This is an email abuse report for an email message received from IP 192.0.2.1.",
  "",
  "--part1_13d.2e68ed54_boundary",
  "Content-Type: message/feedback-report",
  "",
  "Feedback-Type: abuse",
  "User-Agent: SomeGenerator/1.0",
  "Version: 1",
  "Original-Mail-From: <bAAAA@bounces.rappel.example>",
  "Original-Rcpt-To: <fan@mailbox.example>",
  "",
  "--part1_13d.2e68ed54_boundary",
  "Content-Type: message/rfc822",
  "Content-Disposition: inline",
  "",
  "Return-Path: <bBBBB@bounces.rappel.example>",
  "From: \"Théâtre\" <billetterie@lumiere.example>",
  "X-Rappel-Ref: bCCCC@bounces.rappel.example",
  "Message-ID: <c1.s1@lumiere.example>",
  "Subject: La saison commence",
  "",
  "Bonjour",
  "--part1_13d.2e68ed54_boundary--",
  "",
].join("\r\n");

describe("feedback reports (ARF)", () => {
  it("parses the feedback type and every reference to the original delivery, most reliable first", () => {
    const report = parseFeedbackReport(ARF);
    expect(report).toEqual({
      feedbackType: "abuse",
      references: ["bAAAA@bounces.rappel.example", "bBBBB@bounces.rappel.example", "bCCCC@bounces.rappel.example"],
      originalMessageId: "<c1.s1@lumiere.example>",
    });
    expect(isComplaint(report!)).toBe(true);
  });

  it("ignores DSNs and ordinary mail, and does not count not-spam reports as complaints", () => {
    expect(parseFeedbackReport(ARF.replace("report-type=feedback-report", "report-type=delivery-status"))).toBeNull();
    expect(parseFeedbackReport("Content-Type: text/plain\r\n\r\nhello")).toBeNull();
    expect(isComplaint(parseFeedbackReport(ARF.replace("Feedback-Type: abuse", "Feedback-Type: not-spam"))!)).toBe(false);
  });
});
