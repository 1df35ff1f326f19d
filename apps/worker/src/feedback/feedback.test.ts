// Bounces and complaints end to end, with real parts: campaign messages go out through the
// engine to a real SMTP peer carrying signed VERP envelope senders (and the tenant's DKIM
// signature); DSNs and ARF reports come back by SMTP to the worker's receiver, which records
// them in PostgreSQL under RLS — once, however often they are delivered.
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { dkimVerify } from "mailauth/lib/dkim/verify";
import { createTransport } from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deriveTrackingKey, deriveVerpKey, verpAddress } from "@rappel/campaigns";
import { withTenant, type Database } from "@rappel/db";
import { dkimDnsRecord, normaliseDkimPrivateKey } from "@rappel/mail";
import type { InboundReceiver } from "@rappel/mail/inbound";
import { startSmtpPeer, type SmtpPeer } from "@rappel/mail/testing";
import { loadIdentityCodec } from "@rappel/personal-data";
import { systemClock } from "../clock";
import type { JobContext } from "../job-handler";
import { closeSenders, type EngineConfig } from "../jobs/campaign-engine";
import { runCampaignBatch } from "../jobs/campaign-batch";
import { launchCampaign } from "../jobs/campaign-launch";
import { sendCampaignTest } from "../jobs/campaign-test-send";
import { captureLogger, openAppDatabase } from "../testing/fixtures";
import { createCampaignFixture, testMasterKey, type CampaignFixture } from "../testing/campaign-fixture";
import { startFeedbackReceiver } from "./feedback-receiver";
import { SOFT_BOUNCES_BEFORE_SUPPRESSION } from "./record-feedback";

const BOUNCE_DOMAIN = "bounces.rappel.test";
let db: Database;
let peer: SmtpPeer;
let receiver: InboundReceiver;
let config: EngineConfig;
const master = testMasterKey();
const verpKey = deriveVerpKey(master.key);
const previousVerpKey = deriveVerpKey(randomBytes(32));

const context = (): JobContext => ({ db, clock: systemClock, logger: captureLogger().logger, signal: new AbortController().signal });

beforeAll(async () => {
  db = openAppDatabase();
  peer = await startSmtpPeer();
  config = {
    smtpUrl: peer.url, appUrl: "http://rappel.test", master, trackingKey: deriveTrackingKey(master.key), maxConnections: 4,
    bounceDomain: BOUNCE_DOMAIN, verpKey, mailFrom: "Rappel <alertes@rappel.test>",
  };
  receiver = await startFeedbackReceiver({ host: "127.0.0.1", port: 0 }, context(), {
    // A rotation in progress: messages signed with the previous master key's VERP key still count.
    verpKeys: [verpKey, previousVerpKey], bounceDomain: BOUNCE_DOMAIN, master, alert: { smtpUrl: peer.url, appUrl: "http://rappel.test", mailFrom: "Rappel <alertes@rappel.test>" },
  });
});
afterAll(async () => {
  await closeSenders();
  await receiver.stop();
  await peer.stop();
  await db.$disconnect();
});

/** An MTA handing mail to the receiver: null sender for DSNs, as RFC 3464 requires. */
async function deliverToReceiver(to: string, raw: string, from = ""): Promise<void> {
  const mta = createTransport({ host: "127.0.0.1", port: receiver.port, ignoreTLS: true, secure: false });
  try {
    await mta.sendMail({ envelope: { from, to: [to] }, raw });
  } finally {
    mta.close();
  }
}

async function sendCampaign(f: CampaignFixture) {
  await launchCampaign({ tenantId: f.tenantId, campaignId: f.campaignId }, context());
  let sent = 0;
  for (let batch = 0; batch < 2; batch++) sent += (await runCampaignBatch({ tenantId: f.tenantId, campaignId: f.campaignId, batch }, context(), config)).sent;
  return sent;
}

const returnPathOf = (email: string) => {
  const m = peer.messages.find((x) => x.envelope.to.includes(email));
  if (!m) throw new Error(`no message to ${email}`);
  return m.envelope.from;
};

function dsn(opts: { to: string; recipient: string; action: "failed" | "delayed"; status: string }) {
  return [
    "From: MAILER-DAEMON@mx.example.net",
    `To: ${opts.to}`,
    "Subject: Undelivered Mail Returned to Sender",
    `Message-ID: <${randomBytes(6).toString("hex")}@mx.example.net>`,
    "MIME-Version: 1.0",
    'Content-Type: multipart/report; report-type=delivery-status; boundary="B0UND"',
    "",
    "--B0UND",
    "Content-Type: text/plain",
    "",
    "Your message could not be delivered.",
    "--B0UND",
    "Content-Type: message/delivery-status",
    "",
    "Reporting-MTA: dns; mx.example.net",
    "",
    `Final-Recipient: rfc822; ${opts.recipient}`,
    `Action: ${opts.action}`,
    `Status: ${opts.status}`,
    `Diagnostic-Code: smtp; ${opts.status.startsWith("5") ? "550 5.1.1 User unknown" : "452 4.2.2 Mailbox full"}`,
    "",
    "--B0UND--",
    "",
  ].join("\r\n");
}

function arf(opts: { originalMailFrom: string; recipient: string }) {
  return [
    "From: <fbl@mailbox.example>",
    `To: <feedback@${BOUNCE_DOMAIN}>`,
    "Subject: Abuse report",
    "MIME-Version: 1.0",
    'Content-Type: multipart/report; report-type=feedback-report; boundary="ARF"',
    "",
    "--ARF",
    "Content-Type: text/plain",
    "",
    "This is an abuse report.",
    "--ARF",
    "Content-Type: message/feedback-report",
    "",
    "Feedback-Type: abuse",
    "User-Agent: FBL/1.0",
    "Version: 1",
    `Original-Mail-From: <${opts.originalMailFrom}>`,
    `Original-Rcpt-To: <${opts.recipient}>`,
    "",
    "--ARF",
    "Content-Type: text/rfc822-headers",
    "",
    `Return-Path: <${opts.originalMailFrom}>`,
    "Subject: La saison commence",
    "",
    "--ARF--",
    "",
  ].join("\r\n");
}

const state = (f: CampaignFixture, email: string) =>
  withTenant(db, f.tenantId, async (tx) => {
    const spectatorId = f.emails.get(email)!;
    return {
      delivery: await tx.campaignDelivery.findFirstOrThrow({ where: { campaignId: f.campaignId, spectatorId } }),
      events: await tx.campaignEvent.findMany({ where: { spectatorId }, orderBy: { occurredAt: "asc" } }),
      suppressions: await tx.suppression.findMany({ where: { tenantId: f.tenantId } }),
      consent: await tx.consent.findUnique({ where: { tenantId_spectatorId_channel: { tenantId: f.tenantId, spectatorId, channel: "email" } } }),
    };
  });

describe("campaign feedback (DSN bounces, ARF complaints)", () => {
  it("sends every campaign message with a signed VERP Return-Path and the tenant's DKIM signature", async () => {
    peer.clear();
    const f = await createCampaignFixture(db, { recipients: 2 });
    const pem = normaliseDkimPrivateKey(generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString());
    await withTenant(db, f.tenantId, async (tx) => {
      const codec = await loadIdentityCodec(tx, f.tenantId, master);
      await tx.senderIdentity.update({
        where: { tenantId: f.tenantId },
        data: { dkimDomain: "lumiere.example", dkimSelector: "rappel", dkimPrivateKeyEnc: codec.sealTenantSecret("dkim-private-key", pem) },
      });
    });
    expect(await sendCampaign(f)).toBe(2);
    const message = peer.messages.find((m) => m.envelope.to.includes("spectateur1@example.net"))!;
    const expected = verpAddress(verpKey, { campaignId: f.campaignId, spectatorId: f.emails.get("spectateur1@example.net")! }, BOUNCE_DOMAIN, "spectateur1@example.net");
    expect(message.envelope.from).toBe(expected);
    expect(message.headers.get("x-rappel-ref")).toBe(expected);
    expect(message.raw.toString()).not.toContain("spectateur1@example.net>"); // only in To, never in the envelope sender
    const record = dkimDnsRecord(pem, "lumiere.example", "rappel");
    const verified = await dkimVerify(message.raw, {
      resolver: async (name: string, type: string) => {
        if (type === "TXT" && name === record.name) return [[record.value]];
        throw Object.assign(new Error("NXDOMAIN"), { code: "ENOTFOUND" });
      },
    });
    expect(verified.results[0]?.signingDomain).toBe("lumiere.example");
    expect(verified.results[0]?.status.result).toBe("pass");
    // The marketer's test send is signed the same way.
    peer.clear();
    await sendCampaignTest({ tenantId: f.tenantId, campaignId: f.campaignId, userId: f.userId }, context(), config);
    const test = await peer.waitForMessages(1);
    expect(test[0]!.subject).toMatch(/^\[TEST\]/);
    const testVerified = await dkimVerify(test[0]!.raw, {
      resolver: async (name: string, type: string) => {
        if (type === "TXT" && name === record.name) return [[record.value]];
        throw Object.assign(new Error("NXDOMAIN"), { code: "ENOTFOUND" });
      },
    });
    expect(testVerified.results[0]?.status.result).toBe("pass");
  });

  it("records a hard bounce from a DSN once: delivery bounced, event, suppression", async () => {
    peer.clear();
    const f = await createCampaignFixture(db, { recipients: 3 });
    await sendCampaign(f);
    const verp = returnPathOf("spectateur2@example.net");
    const report = dsn({ to: verp, recipient: "spectateur2@example.net", action: "failed", status: "5.1.1" });
    await deliverToReceiver(verp, report);
    await deliverToReceiver(verp, report); // the same DSN delivered again
    const s = await state(f, "spectateur2@example.net");
    expect(s.delivery.status).toBe("bounced");
    expect(s.delivery.lastError).toMatch(/^DSN 5\.1\.1 550 5\.1\.1 User unknown/);
    expect(s.events.map((e) => e.kind)).toEqual(["bounce_hard"]);
    expect(s.suppressions.map((x) => x.reason)).toEqual(["bounce_hard"]);
    // A late DSN for a message sent before a master key rotation (signed with the previous key).
    const older = verpAddress(previousVerpKey, { campaignId: f.campaignId, spectatorId: f.emails.get("spectateur1@example.net")! }, BOUNCE_DOMAIN);
    await deliverToReceiver(older, dsn({ to: older, recipient: "spectateur1@example.net", action: "failed", status: "5.1.1" }));
    expect((await state(f, "spectateur1@example.net")).delivery.status).toBe("bounced");
    const other = await state(f, "spectateur0@example.net");
    expect(other.delivery.status).toBe("sent");
  });

  it("suppresses the address the bounced message was sent to, not the one the spectator has since", async () => {
    peer.clear();
    const f = await createCampaignFixture(db, { recipients: 3 });
    await sendCampaign(f);
    const verp = returnPathOf("spectateur1@example.net");
    const forwarded = returnPathOf("spectateur2@example.net");
    // Both spectators gave a new address after the send.
    const codec = await withTenant(db, f.tenantId, (tx) => loadIdentityCodec(tx, f.tenantId, master));
    await withTenant(db, f.tenantId, async (tx) => {
      for (const [old, next] of [["spectateur1@example.net", "nouvelle1@example.net"], ["spectateur2@example.net", "nouvelle2@example.net"]] as const) {
        const { emailEnc, emailBidx } = codec.sealIdentity({ email: next });
        await tx.spectator.update({ where: { tenantId_id: { tenantId: f.tenantId, id: f.emails.get(old)! } }, data: { emailEnc, emailBidx } });
      }
    });
    await deliverToReceiver(verp, dsn({ to: verp, recipient: "spectateur1@example.net", action: "failed", status: "5.1.1" }));
    // A forward rewrote the recipient: the DSN names neither the sent address nor the new one.
    await deliverToReceiver(forwarded, dsn({ to: forwarded, recipient: "alias@forward.example", action: "failed", status: "5.1.1" }));
    const s1 = await state(f, "spectateur1@example.net");
    expect(s1.delivery.status).toBe("bounced");
    const suppressed = s1.suppressions.map((x) => Buffer.from(x.bidx).toString("hex"));
    expect(suppressed).toEqual([Buffer.from(codec.emailIndex("spectateur1@example.net")!).toString("hex")]);
    expect(suppressed).not.toContain(Buffer.from(codec.emailIndex("nouvelle1@example.net")!).toString("hex"));
    // The forwarded one is recorded as bounced, and suppresses nothing rather than a wrong address.
    expect((await state(f, "spectateur2@example.net")).delivery.status).toBe("bounced");
  });

  it("records a soft bounce once per delivery, and suppresses only when repeated on several campaigns", async () => {
    peer.clear();
    const f = await createCampaignFixture(db, { recipients: 2 });
    await sendCampaign(f);
    const email = "spectateur0@example.net";
    const spectatorId = f.emails.get(email)!;
    const verp = returnPathOf(email);
    const delayed = dsn({ to: verp, recipient: email, action: "delayed", status: "4.2.2" });
    await deliverToReceiver(verp, delayed);
    await deliverToReceiver(verp, delayed);
    let s = await state(f, email);
    expect(s.events.map((e) => e.kind)).toEqual(["bounce_soft"]);
    expect(s.delivery.status).toBe("sent");
    expect(s.suppressions).toHaveLength(0);
    // Two more campaigns of the same tenant, sent to the same person, soft-bounce too.
    for (let i = 1; i < SOFT_BOUNCES_BEFORE_SUPPRESSION; i++) {
      const campaignId = await withTenant(db, f.tenantId, async (tx) => {
        const c = await tx.campaign.create({ data: { tenantId: f.tenantId, name: `Relance ${i}`, channel: "email", status: "sent", content: { blocks: [] } } });
        await tx.campaignDelivery.create({ data: { tenantId: f.tenantId, campaignId: c.id, spectatorId, channel: "email", status: "sent", batch: 0, sentAt: new Date() } });
        return c.id;
      });
      const address = verpAddress(verpKey, { campaignId, spectatorId }, BOUNCE_DOMAIN);
      await deliverToReceiver(address, dsn({ to: address, recipient: email, action: "failed", status: "4.2.2" }));
      s = await state(f, email);
      expect(s.suppressions.map((x) => x.reason)).toEqual(i + 1 >= SOFT_BOUNCES_BEFORE_SUPPRESSION ? ["bounce_soft_repeated"] : []);
    }
  });

  it("refuses forged or foreign recipients at RCPT TO and records nothing", async () => {
    const f = await createCampaignFixture(db, { recipients: 1 });
    const forged = verpAddress(deriveVerpKey(randomBytes(32)), { campaignId: f.campaignId, spectatorId: f.spectatorIds[0]! }, BOUNCE_DOMAIN);
    const report = dsn({ to: forged, recipient: "spectateur0@example.net", action: "failed", status: "5.1.1" });
    await expect(deliverToReceiver(forged, report)).rejects.toMatchObject({ responseCode: 550 });
    await expect(deliverToReceiver("someone@elsewhere.example", report)).rejects.toMatchObject({ responseCode: 550 });
    // A DSN sent to the feedback address that names a forged VERP in its quoted headers: ignored.
    const quoted = report.replace("--B0UND--", `--B0UND\r\nContent-Type: text/rfc822-headers\r\n\r\nReturn-Path: <${forged}>\r\n\r\n--B0UND--`);
    await deliverToReceiver(`feedback@${BOUNCE_DOMAIN}`, quoted);
    const events = await withTenant(db, f.tenantId, (tx) => tx.campaignEvent.count({ where: { campaignId: f.campaignId } }));
    expect(events).toBe(0);
  });

  it("records an ARF complaint (suppression, consent withdrawn) and pauses the tenant at its complaint-rate limit, alerting its admins once", async () => {
    peer.clear();
    const f = await createCampaignFixture(db, { recipients: 120 });
    const admin = await db.user.create({ data: { email: `owner-${randomBytes(3).toString("hex")}@lumiere.example`, name: "Owner", passwordHash: "x" } });
    await withTenant(db, f.tenantId, (tx) => tx.membership.create({ data: { tenantId: f.tenantId, userId: admin.id, role: "owner" } }));
    expect(await sendCampaign(f)).toBe(120);
    peer.clear();
    const email = "spectateur7@example.net";
    const report = arf({ originalMailFrom: verpAddress(verpKey, { campaignId: f.campaignId, spectatorId: f.emails.get(email)! }, BOUNCE_DOMAIN), recipient: email });
    await deliverToReceiver(`feedback@${BOUNCE_DOMAIN}`, report, "fbl@mailbox.example");
    await deliverToReceiver(`feedback@${BOUNCE_DOMAIN}`, report, "fbl@mailbox.example"); // delivered twice
    const s = await state(f, email);
    expect(s.events.map((e) => e.kind)).toEqual(["complaint"]);
    expect(s.suppressions.map((x) => x.reason)).toEqual(["complaint"]);
    expect(s.consent).toMatchObject({ status: "withdrawn", source: "email:complaint" });
    // 1 complaint for 120 messages is 0.8 %, above the default 0.3 % limit.
    const after = await withTenant(db, f.tenantId, async (tx) => ({
      sender: await tx.senderIdentity.findUniqueOrThrow({ where: { tenantId: f.tenantId } }),
      audit: await tx.auditEntry.findMany({ where: { tenantId: f.tenantId, action: { in: ["activation.sending_paused", "consent.withdraw"] } }, select: { action: true } }),
    }));
    expect(after.sender.pausedAt).not.toBeNull();
    expect(after.sender.pauseReason).toMatch(/^complaint rate 0\.8 % over 30 days above the 0\.3 % limit$/);
    expect(after.audit.map((a) => a.action).sort()).toEqual(["activation.sending_paused", "consent.withdraw"]);
    const alerts = await peer.waitForMessages(1);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.envelope.to).toEqual([admin.email]);
    expect(alerts[0]!.subject).toMatch(/^Envois suspendus pour Salle /);
    expect(alerts[0]!.text).toContain("complaint rate 0.8 %");
    // A second complaint while paused: recorded, but no second pause, alert or audit entry.
    const second = "spectateur8@example.net";
    await deliverToReceiver(`feedback@${BOUNCE_DOMAIN}`, arf({ originalMailFrom: verpAddress(verpKey, { campaignId: f.campaignId, spectatorId: f.emails.get(second)! }, BOUNCE_DOMAIN), recipient: second }));
    expect((await state(f, second)).events.map((e) => e.kind)).toEqual(["complaint"]);
    const pauses = await withTenant(db, f.tenantId, (tx) => tx.auditEntry.count({ where: { tenantId: f.tenantId, action: "activation.sending_paused" } }));
    expect(pauses).toBe(1);
    expect(peer.messages).toHaveLength(1);
  });
});
