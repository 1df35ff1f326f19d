// nodemailer against a real SMTP server: what is sent arrives with its headers, and each kind of
// refusal is classified the way the senders' retry logic relies on.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSmtpPeer, type SmtpPeer } from "./testing";
import { classifySmtpError, createMailTransport, InvalidSmtpUrlError, listUnsubscribeHeaders, type MailTransport } from "./index";

let peer: SmtpPeer;
let transport: MailTransport;

beforeAll(async () => {
  peer = await startSmtpPeer({
    verdict: (rcpt) => (rcpt.startsWith("busy@") ? "tempfail" : rcpt.startsWith("nobody@") ? "permfail" : "accept"),
  });
  transport = createMailTransport(peer.url, { ignoreTls: true });
});
afterAll(async () => {
  transport.close();
  await peer.stop();
});
beforeEach(() => peer.clear());

describe("createMailTransport", () => {
  it("delivers text, HTML and the one-click unsubscribe headers", async () => {
    const sent = await transport.send({
      from: "Théâtre de la Lumière <billetterie@lumiere.example>",
      to: "claire@example.org",
      subject: "Comment était « Phèdre » ?",
      text: "Bonjour Claire",
      html: "<p>Bonjour <b>Claire</b></p>",
      headers: listUnsubscribeHeaders("https://rappel.example/m/u/abc"),
      messageId: "inv-42",
    });
    expect(sent.accepted).toEqual(["claire@example.org"]);
    expect(sent.response).toMatch(/^250 /);
    expect(sent.messageId).toBe("<inv-42@lumiere.example>");

    const [mail] = await peer.waitForMessages(1);
    expect(mail?.envelope).toEqual({ from: "billetterie@lumiere.example", to: ["claire@example.org"] });
    expect(mail?.subject).toBe("Comment était « Phèdre » ?");
    expect(mail?.text.trim()).toBe("Bonjour Claire");
    expect(mail?.html).toContain("<b>Claire</b>");
    expect(mail?.headers.get("list-unsubscribe")).toBe("<https://rappel.example/m/u/abc>");
    expect(mail?.headers.get("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
  });

  it("reports a temporary refusal as transient and a permanent one as permanent", async () => {
    const tempfail = await transport.send({ from: "a@lumiere.example", to: "busy@example.org", subject: "s", text: "t" }).catch((e: unknown) => e);
    expect(classifySmtpError(tempfail)).toMatchObject({ kind: "transient", code: 450 });
    const permfail = await transport.send({ from: "a@lumiere.example", to: "nobody@example.org", subject: "s", text: "t" }).catch((e: unknown) => e);
    expect(classifySmtpError(permfail)).toMatchObject({ kind: "permanent", code: 550 });
    expect(peer.refusals.map((r) => r.code)).toEqual([450, 550]);
    expect(peer.messages).toHaveLength(0);
  });

  it("treats an unreachable server as transient", async () => {
    const closed = await startSmtpPeer();
    await closed.stop();
    const unreachable = createMailTransport(closed.url, { ignoreTls: true, pool: false, timeoutMs: 2_000 });
    const error = await unreachable.send({ from: "a@lumiere.example", to: "x@example.org", subject: "s", text: "t" }).catch((e: unknown) => e);
    expect(classifySmtpError(error).kind).toBe("transient");
  });

  it("signs with DKIM when a key is configured", async () => {
    const { generateKeyPairSync } = await import("node:crypto");
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const signing = createMailTransport(peer.url, {
      ignoreTls: true,
      pool: false,
      dkim: { domainName: "lumiere.example", keySelector: "rappel", privateKey: privateKey.export({ type: "pkcs8", format: "pem" }).toString() },
    });
    await signing.send({ from: "a@lumiere.example", to: "claire@example.org", subject: "s", text: "t" });
    const [mail] = await peer.waitForMessages(1);
    expect(mail?.headers.get("dkim-signature")).toMatch(/d=lumiere\.example;.*s=rappel;/s);
    signing.close();
  });

  it("keeps running when a client resets its connection mid-session (a killed sender)", async () => {
    const { connect } = await import("node:net");
    const socket = connect(peer.port, "127.0.0.1");
    await new Promise<void>((resolve) => socket.once("data", () => resolve())); // the 220 greeting
    socket.write("EHLO killed.example\r\nMAIL FROM:<a@lumiere.example>\r\nRCPT TO:<lost@example.org>\r\nDATA\r\n");
    await new Promise((r) => setTimeout(r, 200));
    socket.write("Subject: half a message\r\n\r\nthe body is cut"); // killed in the middle of DATA
    await new Promise((r) => setTimeout(r, 100));
    socket.resetAndDestroy();
    await new Promise((r) => setTimeout(r, 200));
    await transport.send({ from: "a@lumiere.example", to: "after@example.org", subject: "s", text: "t" });
    expect((await peer.waitForMessages(1))[0]?.envelope.to).toEqual(["after@example.org"]);
    expect(peer.connectionErrors).toContain("ECONNRESET");
  });

  it("refuses a URL that is not SMTP, without echoing its password", () => {
    expect(() => createMailTransport("http://user:secret@host")).toThrow(InvalidSmtpUrlError);
    expect(() => createMailTransport("http://user:secret@host")).not.toThrow(/secret/);
  });
});
