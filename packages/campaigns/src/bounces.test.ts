import { describe, expect, it } from "vitest";
import { classifyStatusCode, parseDsn } from "./bounces";

// RFC 3464 appendix-style DSN, as Postfix sends them.
const DSN = [
  "From: MAILER-DAEMON@mx.example.net",
  "To: bounces@rappel.example",
  "Subject: Undelivered Mail Returned to Sender",
  "MIME-Version: 1.0",
  'Content-Type: multipart/report; report-type=delivery-status;',
  '\tboundary="B0UND"',
  "",
  "--B0UND",
  "Content-Type: text/plain",
  "",
  "I'm sorry to have to inform you that your message could not be delivered.",
  "",
  "--B0UND",
  "Content-Type: message/delivery-status",
  "",
  "Reporting-MTA: dns; mx.example.net",
  "Arrival-Date: Sun, 22 Nov 2026 19:00:00 +0100",
  "",
  "Final-Recipient: rfc822; nobody@example.net",
  "Original-Recipient: rfc822;nobody@example.net",
  "Action: failed",
  "Status: 5.1.1",
  "Diagnostic-Code: smtp; 550 5.1.1 <nobody@example.net>: Recipient address rejected:",
  "  User unknown",
  "",
  "Final-Recipient: rfc822; full@example.net",
  "Action: delayed",
  "Status: 4.2.2",
  "",
  "--B0UND",
  "Content-Type: text/rfc822-headers",
  "",
  "Message-ID: <c1.s1@rappel.example>",
  "Subject: La saison commence",
  "",
  "--B0UND--",
  "",
].join("\r\n");

describe("bounces", () => {
  it("classifies SMTP status codes", () => {
    expect(classifyStatusCode(550)).toBe("hard");
    expect(classifyStatusCode("4.2.2")).toBe("soft");
    expect(classifyStatusCode(250)).toBeNull();
  });
  it("parses an RFC 3464 delivery status notification", () => {
    const dsn = parseDsn(DSN);
    expect(dsn?.originalMessageId).toBe("<c1.s1@rappel.example>");
    expect(dsn?.recipients).toEqual([
      {
        finalRecipient: "nobody@example.net", action: "failed", status: "5.1.1", kind: "hard",
        diagnostic: "550 5.1.1 <nobody@example.net>: Recipient address rejected: User unknown",
      },
      { finalRecipient: "full@example.net", action: "delayed", status: "4.2.2", kind: "soft" },
    ]);
  });
  it("ignores ordinary messages", () => {
    expect(parseDsn("Content-Type: text/plain\r\n\r\nhello")).toBeNull();
  });
});
