// DKIM: a tenant key is validated and published as a TXT record; a campaign message signed with
// it by the committed sender, received by a real SMTP peer, verifies with mailauth (the
// verifier postalsys ships for its MTAs) against that record — and fails once altered.
import { generateKeyPairSync } from "node:crypto";
// The DKIM verifier alone: mailauth's entry point also loads its BIMI module, whose HTTP client needs Node 22.
import { dkimVerify } from "mailauth/lib/dkim/verify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCommittedSender } from "./committed-sender";
import { dkimDnsRecord, InvalidDkimKeyError, normaliseDkimPrivateKey, ZDkimSettingsInput } from "./dkim-key";
import { startSmtpPeer, type SmtpPeer } from "./testing";

const rsa = (bits: number) => generateKeyPairSync("rsa", { modulusLength: bits });
const { privateKey } = rsa(2048);
const pkcs1 = privateKey.export({ type: "pkcs1", format: "pem" }).toString();

let peer: SmtpPeer;
beforeAll(async () => {
  peer = await startSmtpPeer();
});
afterAll(async () => peer.stop());

describe("DKIM keys", () => {
  it("accepts RSA PEM keys (PKCS#1 or PKCS#8) and gives the TXT record to publish", () => {
    const normalised = normaliseDkimPrivateKey(pkcs1);
    expect(normalised).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    const record = dkimDnsRecord(normalised, "lumiere.example", "rappel2026");
    expect(record.name).toBe("rappel2026._domainkey.lumiere.example");
    expect(record.value).toMatch(/^v=DKIM1; k=rsa; p=[A-Za-z0-9+/]+=*$/);
  });

  it("refuses garbage, public keys, non-RSA and short keys with a reason", () => {
    const problem = (pem: string) => {
      try {
        normaliseDkimPrivateKey(pem);
        return "accepted";
      } catch (error) {
        return (error as InvalidDkimKeyError).problem;
      }
    };
    expect(problem("hello")).toBe("not_pem");
    expect(problem("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----")).toBe("not_pem");
    expect(problem(pkcs1.split("\n").filter((_, i) => i !== 3).join("\n"))).toBe("not_pem"); // a line lost in the paste
    expect(problem(rsa(1024).publicKey.export({ type: "spki", format: "pem" }).toString())).toBe("not_private");
    expect(problem(generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString())).toBe("unsupported_type");
    expect(problem(rsa(512).privateKey.export({ type: "pkcs8", format: "pem" }).toString())).toBe("too_short");
  });

  it("validates the domain and the selector", () => {
    expect(ZDkimSettingsInput.safeParse({ domain: "Lumiere.Example", selector: "rappel", privateKey: "" }).data).toEqual({ domain: "lumiere.example", selector: "rappel", privateKey: undefined });
    expect(ZDkimSettingsInput.safeParse({ domain: "not a domain", selector: "rappel" }).success).toBe(false);
    expect(ZDkimSettingsInput.safeParse({ domain: "lumiere.example", selector: "bad_selector!" }).success).toBe(false);
  });

  it("signs each message with its own key; a received message verifies against the published record", async () => {
    peer.clear();
    const pem = normaliseDkimPrivateKey(pkcs1);
    const record = dkimDnsRecord(pem, "lumiere.example", "rappel2026");
    const sender = createCommittedSender(peer.url, { maxConnections: 1 });
    await sender.send(
      {
        from: "Théâtre de la Lumière <billetterie@lumiere.example>",
        to: "lea@example.net",
        subject: "La saison commence — réservez",
        text: "Bonjour Léa",
        html: "<p>Bonjour Léa</p>",
        headers: { "List-Unsubscribe": "<https://rappel.example/m/u/x>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
        messageId: "c1.s1",
        envelopeFrom: "bXYZ@bounces.rappel.example",
        dkim: { domainName: "lumiere.example", keySelector: "rappel2026", privateKey: pem },
      },
      (end) => end.finish(),
    );
    sender.close();
    const received = peer.messages[0]!;
    expect(received.envelope.from).toBe("bXYZ@bounces.rappel.example");
    const resolver = async (name: string, type: string) => {
      if (type === "TXT" && name === record.name) return [[record.value]];
      throw Object.assign(new Error(`no ${type} record for ${name}`), { code: "ENOTFOUND" });
    };
    const verified = await dkimVerify(received.raw, { resolver });
    expect(verified.results).toHaveLength(1);
    expect(verified.results[0]!.signingDomain).toBe("lumiere.example");
    expect(verified.results[0]!.status.result).toBe("pass");

    const altered = Buffer.from(received.raw.toString("utf8").replace(/^Subject: .*$/m, "Subject: Altered"));
    const failed = await dkimVerify(altered, { resolver });
    expect(failed.results[0]!.status.result).toBe("fail");
  });
});
