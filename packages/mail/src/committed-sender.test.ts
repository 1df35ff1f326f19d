// The commit point against a real SMTP server: the body is in before the commit, the server
// accepts only once `finish()` wrote the terminator — in that very call —, an aborted message is
// never accepted, refusals never reach the commit point.
import { Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createCommittedSender, dataPhase, type MessageEnd } from "./committed-sender";
import { classifySmtpError } from "./smtp-errors";
import { startSmtpPeer, type SmtpPeer } from "./testing";

const write = Socket.prototype.write;
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
    await sender.send(mail("lea@example.net", 1), (end) => {
      order.push(`commit (peer has ${peer.messages.length})`);
      end.finish();
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
      (end) => end.finish(),
    );
    sender.close();
    const got = peer.messages[0]!;
    expect(got.subject).toBe(subject);
    expect(got.text.trim()).toBe("Bonjour Léa,\n\nÀ très vite.");
    expect(got.html).toContain("<b>à très vite</b>");
    expect(got.headers.get("from")).toContain("billetterie@lumiere.example");
    expect(got.headers.get("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
  });

  it("writes the terminator inside finish(), on a socket with nothing else queued", async () => {
    peer.clear();
    const sender = createCommittedSender(peer.url, { maxConnections: 1 });
    const writes: { bytes: string; queuedBefore: number }[] = [];
    await sender.send(mail("lea@example.net", 7), (end) => {
      const spy = vi.spyOn(Socket.prototype, "write").mockImplementation(function (this: Socket, ...args: unknown[]) {
        writes.push({ bytes: Buffer.from(args[0] as Buffer).toString("latin1"), queuedBefore: this.writableLength });
        return write.apply(this, args as never);
      });
      end.finish();
      spy.mockRestore();
    });
    sender.close();
    expect(writes).toEqual([{ bytes: ".\r\n", queuedBefore: 0 }]);
    expect(peer.messages.map((m) => m.subject)).toEqual(["Message 7"]);
  });

  it("never completes an aborted message", async () => {
    peer.clear();
    const sender = createCommittedSender(peer.url, { maxConnections: 1 });
    await expect(sender.send(mail("lea@example.net", 2), (end) => end.abort(new Error("database down")))).rejects.toThrow(/database down/);
    // The same connection slot still works afterwards.
    await sender.send(mail("lea@example.net", 3), (end) => setTimeout(() => end.finish(), 20));
    sender.close();
    expect(peer.messages.map((m) => m.subject)).toEqual(["Message 3"]);
  });

  it("does not commit when the recipient is refused, and classifies the refusal", async () => {
    const sender = createCommittedSender(peer.url, { maxConnections: 1 });
    let commits = 0;
    const commit = (end: MessageEnd) => {
      commits += 1;
      end.finish();
    };
    const perm = await sender.send(mail("nobody@example.net", 4), commit).catch((e: unknown) => e);
    const temp = await sender.send(mail("busy@example.net", 5), commit).catch((e: unknown) => e);
    sender.close();
    expect(commits).toBe(0);
    expect(classifySmtpError(perm).kind).toBe("permanent");
    expect(classifySmtpError(temp).kind).toBe("transient");
  });

  it("carries the body as DATA: CRLF line ends, a leading dot doubled, the right terminator", () => {
    const { data, terminator } = dataPhase(Buffer.from(".top\nline\r.dot\r\n..two"));
    expect(data.toString("latin1")).toBe("..top\r\nline\r\n..dot\r\n...two");
    expect(terminator.toString("latin1")).toBe("\r\n.\r\n");
    const plain = Buffer.from("a\r\nb\r\n");
    expect(dataPhase(plain).data).toBe(plain);
    expect(dataPhase(plain).terminator.toString("latin1")).toBe(".\r\n");
  });
});
