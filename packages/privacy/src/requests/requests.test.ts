import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant, type Database } from "@rappel/db";
import { randomUUID } from "node:crypto";
import { createJobProducer, createRedisConnection, enqueueJob, type JobProducer } from "@rappel/jobs";
import { removeQueuePrefix, testRedisUrl, uniqueQueuePrefix } from "@rappel/jobs/testing";
import type { Redis } from "ioredis";
import { createMailTransport } from "@rappel/mail";
import { startSmtpPeer, type SmtpPeer } from "@rappel/mail/testing";
import JSZip from "jszip";
import { addSpectator, createTestTenant, openAppDatabase, testMaster } from "../testing/fixtures";
import { eraseRequestSubject, exportRequestSubject, objectForRequestSubject } from "./actions";
import { restrictRequestSubject } from "./restriction";
import { createRequest, verifyRequestCode } from "./intake";
import { sendVerificationCode } from "./verification-mail";

let db: Database;
let peer: SmtpPeer;
let redis: Redis;
let producer: JobProducer;
const prefix = uniqueQueuePrefix("dsr");
beforeAll(async () => {
  db = openAppDatabase();
  peer = await startSmtpPeer();
  redis = createRedisConnection(testRedisUrl(), { role: "producer" });
  producer = createJobProducer(redis, { prefix });
});
afterAll(async () => {
  await db.$disconnect();
  await peer.stop();
  await producer.close();
  await removeQueuePrefix(redis, prefix);
  await redis.quit();
});

const now = new Date("2026-03-02T10:00:00Z");
const options = { now, master: testMaster };

async function staff(tenantId: string): Promise<{ kind: "staff"; userId: string }> {
  const user = await db.user.create({ data: { email: `staff-${Math.random().toString(36).slice(2)}@example.test`, name: "Staff", passwordHash: "x" } });
  await withTenant(db, tenantId, (tx) => tx.membership.create({ data: { tenantId, userId: user.id, role: "admin" } }));
  return { kind: "staff", userId: user.id };
}

describe("public request form with a one-time code", () => {
  it("pauses the clock until the e-mailed code is entered, and refuses wrong codes", async () => {
    const t = await createTestTenant(db);
    const { request, code } = await createRequest(db, { kind: "spectator" }, t.tenantId, { kind: "access", email: "Claire@Example.test", identityVerified: true }, options);
    expect(request).toMatchObject({ status: "awaiting_verification", channel: "public", verifiedAt: null, dueAt: null });
    expect(code).toMatch(/^\d{6}$/);

    const transport = createMailTransport(peer.url, { ignoreTls: true });
    await sendVerificationCode(transport, { from: "dpo@rappel.test", to: "claire@example.test", code: code!, tenantName: "Théâtre" });
    transport.close();
    const [mail] = await peer.waitForMessages(1);
    expect(mail!.envelope.to).toEqual(["claire@example.test"]);
    expect(mail!.text).toContain(code!);

    const wrong = code === "000000" ? "111111" : "000000";
    await expect(verifyRequestCode(db, t.tenantId, request.id, wrong, now)).rejects.toThrow("wrong code");
    await expect(verifyRequestCode(db, t.tenantId, request.id, code!, new Date(now.getTime() + 16 * 60_000))).rejects.toThrow(/expired/);
    const verifiedAt = new Date("2026-03-02T10:05:00Z");
    const verified = await verifyRequestCode(db, t.tenantId, request.id, code!, verifiedAt);
    expect(verified).toMatchObject({ status: "open", verifiedAt });
    expect(verified.dueAt?.toISOString()).toBe("2026-04-02T21:59:59.999Z");
    // The address is stored sealed, never in clear.
    expect(Buffer.from(verified.emailEnc!).toString("utf8")).not.toContain("claire");
  });
});

describe("erasure", () => {
  it("erases the person everywhere, keeps another, leaves only keyed hashes, and produces a chained receipt", async () => {
    const t = await createTestTenant(db);
    const actor = await staff(t.tenantId);
    const target = await addSpectator(db, t, { email: "erase-me@example.test", phone: "0612345678", lastName: "Canari" }, { orderedAt: now });
    const twin = await addSpectator(db, t, { email: "erase-me@example.test" }, { orderedAt: now });
    const other = await addSpectator(db, t, { email: "keep-me@example.test" }, { orderedAt: now });
    const { request } = await createRequest(db, actor, t.tenantId, { kind: "erasure", email: "erase-me@example.test", details: "Supprimez tout." }, options);
    expect(request.status).toBe("open");

    // A campaign test send rendered as the person waits in Redis; another person's stays.
    const campaignId = randomUUID();
    await enqueueJob(producer, "campaign-test-send", { tenantId: t.tenantId, campaignId, userId: actor.userId, spectatorId: target.spectatorId }, { delayMs: 60_000 });
    await enqueueJob(producer, "campaign-test-send", { tenantId: t.tenantId, campaignId, userId: actor.userId, spectatorId: other.spectatorId });

    const receipt = await eraseRequestSubject(db, actor, t.tenantId, request.id, now, producer);
    expect(receipt.spectators).toBe(2);
    expect(receipt.queuedJobs).toEqual({ removed: 1, byQueue: { "email-send": 1 }, skipped: 0 });
    const left = await producer.queue("email-send").getJobs(["waiting", "delayed"]);
    expect(left.map((j) => (j.data as { spectatorId: string }).spectatorId)).toEqual([other.spectatorId]);
    expect(Object.fromEntries(receipt.tables.map((c) => [c.table, c.rows]))).toMatchObject({
      spectator: 2, consent: 2, ticket: 2, ticket_order: 2, data_subject_request: 1,
    });
    expect(receipt.verification.every((v) => v.rows === 0)).toBe(true);
    expect(receipt.suppression).toEqual({ added: 2, kinds: ["email", "phone"] });

    await withTenant(db, t.tenantId, async (tx) => {
      expect(await tx.spectator.count({ where: { id: { in: [target.spectatorId, twin.spectatorId] } } })).toBe(0);
      expect(await tx.spectator.count({ where: { id: other.spectatorId } })).toBe(1);
      const ticket = await tx.ticket.findFirstOrThrow({ where: { tenantId: t.tenantId, id: target.ticketId! } });
      expect(ticket).toMatchObject({ holderId: null, priceCents: 3200 });
      const done = await tx.dataSubjectRequest.findFirstOrThrow({ where: { tenantId: t.tenantId, id: request.id } });
      expect(done).toMatchObject({ status: "completed", emailEnc: null, emailBidx: null, detailsEnc: null });
      expect(await tx.suppressionEntry.count({ where: { tenantId: t.tenantId, reason: "erasure" } })).toBe(2);
      const entry = await tx.auditEntry.findFirstOrThrow({ where: { tenantId: t.tenantId, seq: BigInt(receipt.audit.seq) } });
      expect(entry.action).toBe("privacy.erasure.completed");
      expect(Buffer.from(entry.hash).toString("hex")).toBe(receipt.audit.hash);
    });
    await expect(eraseRequestSubject(db, actor, t.tenantId, request.id, now, producer)).rejects.toThrow(/completed, not open/);
  });

  it("is refused while the person is under a legal hold", async () => {
    const t = await createTestTenant(db);
    const actor = await staff(t.tenantId);
    const held = await addSpectator(db, t, { email: "held@example.test" });
    await withTenant(db, t.tenantId, (tx) => tx.legalHold.create({ data: { tenantId: t.tenantId, spectatorId: held.spectatorId, reason: "Litige" } }));
    const { request } = await createRequest(db, actor, t.tenantId, { kind: "erasure", email: "held@example.test" }, options);
    await expect(eraseRequestSubject(db, actor, t.tenantId, request.id, now, producer)).rejects.toThrow(/legal hold/);
    expect(await withTenant(db, t.tenantId, (tx) => tx.spectator.count({ where: { id: held.spectatorId } }))).toBe(1);
  });
});

describe("access, restriction and objection", () => {
  it("exports everything about the person as JSON and CSV in a zip, opened", async () => {
    const t = await createTestTenant(db);
    const actor = await staff(t.tenantId);
    await addSpectator(db, t, { email: "moi@example.test", firstName: "Inès", lastName: "Lumière", postalCode: "69001" }, { orderedAt: now });
    await addSpectator(db, t, { email: "autre@example.test", lastName: "Autre" }, { orderedAt: now });
    const { request } = await createRequest(db, actor, t.tenantId, { kind: "portability", email: "moi@example.test" }, options);
    const { zip, tables } = await exportRequestSubject(db, actor, t.tenantId, request.id, options);
    expect(tables).toContainEqual({ table: "ticket", rows: 1 });
    const archive = await JSZip.loadAsync(zip);
    expect(Object.keys(archive.files).sort()).toEqual(expect.arrayContaining(["donnees.json", "spectator.csv", "ticket.csv", "ticket_order.csv", "consent.csv"]));
    const json = JSON.parse(await archive.file("donnees.json")!.async("string")) as Record<string, Record<string, unknown>[]>;
    expect(json.spectator).toEqual([expect.objectContaining({ email: "moi@example.test", firstName: "Inès", lastName: "Lumière", postal_code: "69001" })]);
    expect(JSON.stringify(json)).not.toContain("Autre");
    expect(await archive.file("spectator.csv")!.async("string")).toContain("Lumière");
  });

  it("restricts processing and records an objection to marketing", async () => {
    const t = await createTestTenant(db);
    const actor = await staff(t.tenantId);
    const person = await addSpectator(db, t, { email: "stop@example.test" });
    const restriction = await createRequest(db, actor, t.tenantId, { kind: "restriction", email: "stop@example.test" }, options);
    expect(await restrictRequestSubject(db, actor, t.tenantId, restriction.request.id, now)).toBe(1);
    // Ad targeting on social networks is marketing too: the objection withdraws it with e-mail.
    await withTenant(db, t.tenantId, (tx) =>
      tx.consent.create({ data: { tenantId: t.tenantId, spectatorId: person.spectatorId, channel: "social_ads", status: "granted", source: "test", recordedAt: now } }),
    );
    const objection = await createRequest(db, actor, t.tenantId, { kind: "objection", email: "stop@example.test" }, options);
    expect(await objectForRequestSubject(db, actor, t.tenantId, objection.request.id, now)).toBe(2);
    await withTenant(db, t.tenantId, async (tx) => {
      expect(await tx.processingRestriction.count({ where: { tenantId: t.tenantId, spectatorId: person.spectatorId, liftedAt: null } })).toBe(1);
      expect(await tx.consent.count({ where: { tenantId: t.tenantId, spectatorId: person.spectatorId, status: "granted" } })).toBe(0);
      expect(await tx.suppressionEntry.count({ where: { tenantId: t.tenantId, reason: "objection" } })).toBe(1);
    });
  });
});
