import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant, type Database } from "@rappel/db";
import { createJobProducer, createRedisConnection, type JobProducer } from "@rappel/jobs";
import { removeQueuePrefix, testRedisUrl, uniqueQueuePrefix } from "@rappel/jobs/testing";
import type { Redis } from "ioredis";
import { loadIdentityCodec } from "@rappel/personal-data";
import JSZip from "jszip";
import { addSpectator, createTestTenant, openAppDatabase, testMaster } from "../testing/fixtures";
import { eraseRequestSubject, exportRequestSubject } from "./actions";
import { createRequest } from "./intake";
import { listRectifications, loadRectificationSubjects, rectifyRequestSubject } from "./rectification";

let db: Database;
let redis: Redis;
let producer: JobProducer;
const prefix = uniqueQueuePrefix("rectify");
beforeAll(() => {
  db = openAppDatabase();
  redis = createRedisConnection(testRedisUrl(), { role: "producer" });
  producer = createJobProducer(redis, { prefix });
});
afterAll(async () => {
  await db.$disconnect();
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

describe("rectification with history", () => {
  it("corrects sealed fields, recomputes blind indexes, keeps a sealed history and audits field names only", async () => {
    const t = await createTestTenant(db);
    const actor = await staff(t.tenantId);
    const person = await addSpectator(db, t, { email: "old@example.test", phone: "0612345678", firstName: "jean", lastName: "Dupon", postalCode: "69001" });
    const { request } = await createRequest(db, actor, t.tenantId, { kind: "rectification", email: "old@example.test", details: "Mon nom est Dupont." }, options);

    const [subject] = await loadRectificationSubjects(db, actor, t.tenantId, request.id, testMaster);
    expect(subject).toMatchObject({ spectatorId: person.spectatorId, fields: { lastName: "Dupon", email: "old@example.test", postalCode: "69001", language: "fr" } });

    const changed = await rectifyRequestSubject(
      db, actor, t.tenantId, request.id,
      { spectatorId: person.spectatorId, values: { lastName: "Dupont", email: "New@Example.test", postalCode: "75011", language: "en", firstName: "Jean", phone: "" } },
      options,
    );
    expect(changed.sort()).toEqual(["email", "firstName", "language", "lastName", "phone", "postalCode"]);

    await withTenant(db, t.tenantId, async (tx) => {
      const codec = await loadIdentityCodec(tx, t.tenantId, testMaster);
      const row = await tx.spectator.findUniqueOrThrow({ where: { tenantId_id: { tenantId: t.tenantId, id: person.spectatorId } } });
      expect(codec.openIdentity(row)).toMatchObject({ email: "new@example.test", lastName: "Dupont", phone: null });
      expect(row).toMatchObject({ postalCode: "75011", communeCode: "75056", language: "en", phoneBidx: null });
      // Blind indexes follow the new values: the person is found by the new address, not the old.
      expect(Buffer.from(row.emailBidx!)).toEqual(Buffer.from(codec.emailIndex("new@example.test")!));
      expect(await tx.spectator.count({ where: { tenantId: t.tenantId, emailBidx: codec.emailIndex("old@example.test")! } })).toBe(0);
      expect(Buffer.from(row.namePostalBidx!)).toEqual(Buffer.from(codec.blindIndex("name-postal", "dupont|75011")!));
      // History values are sealed, never in clear.
      const raw = await tx.spectatorRectification.findMany({ where: { tenantId: t.tenantId } });
      expect(raw).toHaveLength(6);
      expect(raw.map((r) => Buffer.from(r.newEnc ?? []).toString("utf8")).join("")).not.toContain("Dupont");
      const audit = await tx.auditEntry.findFirstOrThrow({ where: { tenantId: t.tenantId, action: "privacy.rectification.applied" } });
      expect(audit).toMatchObject({ actorUserId: actor.userId, targetId: request.id });
      expect(JSON.stringify(audit.details)).not.toContain("Dupont");
    });

    const history = await listRectifications(db, actor, t.tenantId, request.id, testMaster);
    expect(history).toContainEqual(expect.objectContaining({ field: "lastName", oldValue: "Dupon", newValue: "Dupont", actorUserId: actor.userId }));
    expect(history).toContainEqual(expect.objectContaining({ field: "phone", oldValue: "0612345678", newValue: null }));

    // The person stays reachable by this request after the e-mail changed; a no-op changes nothing.
    expect(await rectifyRequestSubject(db, actor, t.tenantId, request.id, { spectatorId: person.spectatorId, values: { lastName: "Dupont" } }, options)).toEqual([]);
  });

  it("refuses another person, bad input, and other request kinds", async () => {
    const t = await createTestTenant(db);
    const actor = await staff(t.tenantId);
    const person = await addSpectator(db, t, { email: "me@example.test" });
    const stranger = await addSpectator(db, t, { email: "stranger@example.test" });
    const { request } = await createRequest(db, actor, t.tenantId, { kind: "rectification", email: "me@example.test" }, options);
    await expect(rectifyRequestSubject(db, actor, t.tenantId, request.id, { spectatorId: stranger.spectatorId, values: { lastName: "X" } }, options)).rejects.toThrow(/not the subject/);
    await expect(rectifyRequestSubject(db, actor, t.tenantId, request.id, { spectatorId: person.spectatorId, values: { email: "not-an-address" } }, options)).rejects.toThrow(/e-mail address/);
    const access = await createRequest(db, actor, t.tenantId, { kind: "access", email: "me@example.test" }, options);
    await expect(rectifyRequestSubject(db, actor, t.tenantId, access.request.id, { spectatorId: person.spectatorId, values: { lastName: "X" } }, options)).rejects.toThrow(/only a rectification/);
    // Another tenant's staff cannot reach this request (RLS: not found).
    const other = await createTestTenant(db);
    const intruder = await staff(other.tenantId);
    await expect(rectifyRequestSubject(db, intruder, other.tenantId, request.id, { spectatorId: person.spectatorId, values: { lastName: "X" } }, options)).rejects.toThrow(/not found/);
  });

  it("is in the person's access export (opened) and deleted by erasure", async () => {
    const t = await createTestTenant(db);
    const actor = await staff(t.tenantId);
    const person = await addSpectator(db, t, { email: "moi@example.test", lastName: "Erreur" });
    const rect = await createRequest(db, actor, t.tenantId, { kind: "rectification", email: "moi@example.test" }, options);
    await rectifyRequestSubject(db, actor, t.tenantId, rect.request.id, { spectatorId: person.spectatorId, values: { lastName: "Exact" } }, options);

    const access = await createRequest(db, actor, t.tenantId, { kind: "access", email: "moi@example.test" }, options);
    const { zip } = await exportRequestSubject(db, actor, t.tenantId, access.request.id, options);
    const json = JSON.parse(await (await JSZip.loadAsync(zip)).file("donnees.json")!.async("string")) as Record<string, Record<string, unknown>[]>;
    expect(json.spectator_rectification).toEqual([expect.objectContaining({ field: "lastName", old_value: "Erreur", new_value: "Exact" })]);

    const erasure = await createRequest(db, actor, t.tenantId, { kind: "erasure", email: "moi@example.test" }, options);
    const receipt = await eraseRequestSubject(db, actor, t.tenantId, erasure.request.id, now, producer);
    expect(receipt.tables).toContainEqual({ table: "spectator_rectification", action: "delete", rows: 1 });
    expect(await withTenant(db, t.tenantId, (tx) => tx.spectatorRectification.count({ where: { tenantId: t.tenantId } }))).toBe(0);
  });
});
