// The commit point against a real SMTP server: the ledger commit happens before the server
// accepts; a failed commit means the server never gets the message; refusals skip the commit.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCommittedSender } from "./committed-sender";
import { classifySmtpError } from "./smtp-errors";
import { startSmtpPeer, type SmtpPeer } from "./testing";

let peer: SmtpPeer;
beforeAll(async () => {
  peer = await startSmtpPeer({
    verdict: (rcpt) => (rcpt.startsWith("busy") ? "tempfail" : rcpt.startsWith("nobody") ? "permfail" : "accept"),
  });
});
afterAll(async () => peer.stop());

const mail = (to: string, n: number) => ({
  from: "Théâtre <billetterie@lumiere.example>",
  to,
  subject: `Message ${n}`,
  text: "Bonjour",
  html: "<p>Bonjour</p>",
  messageId: `m${n}`,
});

describe("committed sender", () => {
  it("commits before the server accepts, then delivers once", async () => {
    peer.clear();
    const sender = createCommittedSender(peer.url, { maxConnections: 2 });
    const order: string[] = [];
    await sender.send(mail("lea@example.net", 1), async () => {
      order.push(`commit (peer has ${peer.messages.length})`);
    });
    sender.close();
    expect(order).toEqual(["commit (peer has 0)"]);
    expect(peer.messages).toHaveLength(1);
    expect(peer.messages[0]?.subject).toBe("Message 1");
    expect(peer.messages[0]?.headers.get("message-id")).toBe("<m1@lumiere.example>");
  });

  it("builds MIME that a real parser reads back: UTF-8 headers, text and HTML parts, extra headers", async () => {
    peer.clear();
    const sender = createCommittedSender(peer.url, { maxConnections: 1 });
    const subject = "Léa, la saison 2026–2027 commence : réservez vos soirées préférées dès maintenant ✨";
    await sender.send(
      {
        ...mail("lea@example.net", 9),
        subject,
        text: "Bonjour Léa,\n\nÀ très vite.",
        html: "<p>Bonjour Léa, <b>à très vite</b>.</p>",
        headers: { "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
      },
      async () => {},
    );
    sender.close();
    const got = peer.messages[0]!;
    expect(got.subject).toBe(subject);
    expect(got.text.trim()).toBe("Bonjour Léa,\n\nÀ très vite.");
    expect(got.html).toContain("<b>à très vite</b>");
    expect(got.headers.get("from")).toContain("billetterie@lumiere.example");
    expect(got.headers.get("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
  });

  it("never completes the message when the commit fails", async () => {
    peer.clear();
    const sender = createCommittedSender(peer.url, { maxConnections: 1 });
    await expect(
      sender.send(mail("lea@example.net", 2), async () => {
        throw new Error("database down");
      }),
    ).rejects.toThrow();
    // The same connection slot still works afterwards.
    await sender.send(mail("lea@example.net", 3), async () => {});
    sender.close();
    expect(peer.messages.map((m) => m.subject)).toEqual(["Message 3"]);
  });

  it("does not commit when the recipient is refused, and classifies the refusal", async () => {
    const sender = createCommittedSender(peer.url, { maxConnections: 1 });
    let commits = 0;
    const commit = async () => {
      commits += 1;
    };
    const perm = await sender.send(mail("nobody@example.net", 4), commit).catch((e: unknown) => e);
    const temp = await sender.send(mail("busy@example.net", 5), commit).catch((e: unknown) => e);
    sender.close();
    expect(commits).toBe(0);
    expect(classifySmtpError(perm).kind).toBe("permanent");
    expect(classifySmtpError(temp).kind).toBe("transient");
  });
});
