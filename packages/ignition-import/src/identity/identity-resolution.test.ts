import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant, type Database } from "@rappel/db";
import { loadIdentityCodec } from "@rappel/personal-data";
import { listSpectatorMerges, MergeError, mergeSpectators, undoSpectatorMerge, undoSpectatorMergeByStaff } from "../index";
import { createTestTenant, importFile, openAppDatabase, tempStorageDir, testMasterKey } from "../testing";
import { clusterIdentities } from "./clusters";

let db: Database;
let storageDir: string;

beforeAll(async () => {
  db = openAppDatabase();
  storageDir = await tempStorageDir();
});
afterAll(async () => {
  await db.$disconnect();
});

const HEADER = "N° commande;N° billet;Date de commande;Spectacle;Date de la représentation;Heure;Salle;Prix TTC;E-mail acheteur;Téléphone;Prénom;Nom;CP";
const row = (n: number, contact: { email?: string; phone?: string; first?: string; last?: string; pc?: string }) =>
  `O-${n};T-${n};01/03/2025 10:00;Hamlet;30/03/2025;20h30;Grande salle;20,00 €;${contact.email ?? ""};${contact.phone ?? ""};${contact.first ?? ""};${contact.last ?? ""};${contact.pc ?? ""}`;
const file = (...rows: string[]) => [HEADER, ...rows].join("\n");

async function people(tenantId: string) {
  return withTenant(db, tenantId, async (tx) => {
    const codec = await loadIdentityCodec(tx, tenantId, testMasterKey());
    const rows = await tx.spectator.findMany({ where: { tenantId }, orderBy: { createdAt: "asc" }, include: { consents: true } });
    // Orders and tickets have no Prisma relation to their buyer or holder (decisions 0020, 0022): looked up by id.
    const ids = rows.map((s) => s.id);
    const orders = await tx.order.findMany({ where: { tenantId, spectatorId: { in: ids } }, select: { spectatorId: true, reference: true } });
    const tickets = await tx.ticket.findMany({ where: { tenantId, holderId: { in: ids } }, select: { holderId: true, reference: true } });
    return rows.map((s) => ({
      id: s.id,
      ...codec.openIdentity(s),
      orders: orders.filter((o) => o.spectatorId === s.id).map((o) => o.reference).sort(),
      tickets: tickets.filter((t) => t.holderId === s.id).map((t) => t.reference).sort(),
      consents: s.consents.map((c) => `${c.channel}:${c.status}`),
    }));
  });
}

describe("identity resolution across imports", () => {
  it("does not bring back an erased person: their hash in the suppression list strips the identifiers", async () => {
    const tenantId = await createTestTenant(db);
    await withTenant(db, tenantId, async (tx) => {
      const codec = await loadIdentityCodec(tx, tenantId, testMasterKey());
      await tx.suppressionEntry.create({ data: { tenantId, hash: codec.emailIndex("efface@example.fr")!, kind: "email", reason: "erasure" } });
    });
    const { result } = await importFile(db, {
      tenantId,
      storageDir,
      source: file(row(1, { email: "Efface@example.fr", first: "Eva", last: "Efface", pc: "13200" }), row(2, { email: "garde@example.fr", last: "Garde" })),
    });
    expect(result.spectatorsCreated).toBe(2);
    const rows = await people(tenantId);
    expect(rows.map((p) => [p.email, p.lastName, p.tickets])).toEqual(
      expect.arrayContaining([
        [null, null, ["T-1"]],
        ["garde@example.fr", "Garde", ["T-2"]],
      ]),
    );
  });

  it("finds a phone-only buyer again, merges two records a later row shows are one person, and undoes the merge", async () => {
    const tenantId = await createTestTenant(db);
    await importFile(db, { tenantId, storageDir, source: file(row(1, { email: "jeanne@example.fr", first: "Jeanne", last: "Petit", pc: "13200" })) });
    await importFile(db, { tenantId, storageDir, source: file(row(2, { phone: "07 11 22 33 44" })) });
    // The same phone later, written differently: the same person.
    const third = await importFile(db, { tenantId, storageDir, source: file(row(3, { phone: "+33 7 11 22 33 44" })) });
    expect(third.result.spectatorsCreated).toBe(0);
    const before = await people(tenantId);
    expect(before.map((p) => [p.email, p.phone, p.orders])).toEqual([
      ["jeanne@example.fr", null, ["O-1"]],
      [null, "+33711223344", ["O-2", "O-3"]],
    ]);
    const [jeanne, phoneOnly] = before;
    await withTenant(db, tenantId, (tx) =>
      tx.consent.create({ data: { tenantId, spectatorId: phoneOnly!.id, channel: "sms", status: "granted", source: "test", recordedAt: new Date("2025-01-01T00:00:00Z") } }),
    );

    // E-mail (another case) and phone together: the two records are one person.
    const fourth = await importFile(db, { tenantId, storageDir, source: file(row(4, { email: "JEANNE@example.fr", phone: "07 11 22 33 44" })) });
    expect(fourth.result).toMatchObject({ merges: 1, spectatorsCreated: 0 });
    const merged = await people(tenantId);
    expect(merged).toEqual([
      { ...jeanne!, phone: "+33711223344", orders: ["O-1", "O-2", "O-3", "O-4"], tickets: ["T-1", "T-2", "T-3", "T-4"], consents: ["sms:granted"] },
    ]);
    const merge = await withTenant(db, tenantId, (tx) => tx.spectatorMerge.findFirstOrThrow({ where: { tenantId } }));
    expect(merge).toMatchObject({ survivorId: jeanne!.id, mergedId: phoneOnly!.id, rule: "same_phone", undoneAt: null });
    expect(merge.moved).toMatchObject({ orders: expect.arrayContaining([expect.any(String)]), tickets: expect.any(Array) });
    expect(JSON.stringify(merge.moved)).not.toContain("+33711223344");

    await withTenant(db, tenantId, (tx) => undoSpectatorMerge(tx, tenantId, merge.id));
    const undone = await people(tenantId);
    expect(undone).toEqual([
      { ...jeanne!, orders: ["O-1", "O-4"], tickets: ["T-1", "T-4"], consents: [] },
      { ...phoneOnly!, consents: ["sms:granted"] },
    ]);
    await expect(withTenant(db, tenantId, (tx) => undoSpectatorMerge(tx, tenantId, merge.id))).rejects.toThrow(MergeError);
  });

  it("keeps apart two people who share a phone but not an e-mail, and two Martins of one postal code", async () => {
    const tenantId = await createTestTenant(db);
    const { result } = await importFile(db, {
      tenantId,
      storageDir,
      source: file(
        row(1, { email: "anne@example.fr", phone: "04 78 00 00 01", first: "Anne", last: "Martin", pc: "69003" }),
        row(2, { email: "paul@example.fr", phone: "04 78 00 00 01", first: "Paul", last: "Martin", pc: "69003" }),
        row(3, { first: "Louis", last: "Martin", pc: "69003" }),
        row(4, { first: "anne", last: "MARTIN", pc: "69003" }),
      ),
    });
    expect(result).toMatchObject({ rowsAccepted: 4, merges: 0 });
    const p = await people(tenantId);
    expect(p.map((x) => [x.firstName, x.orders])).toEqual([
      ["Anne", ["O-1", "O-4"]],
      ["Paul", ["O-2"]],
      ["Louis", ["O-3"]],
    ]);

    // A later file: the records are found in the database, their sealed first names opened.
    const later = await importFile(db, { tenantId, storageDir, source: file(row(5, { first: "Paul", last: "Martin", pc: "69003" }), row(6, { first: "Léa", last: "Martin", pc: "69003" })) });
    expect(later.result).toMatchObject({ rowsAccepted: 2, spectatorsCreated: 1, merges: 0 });
    expect((await people(tenantId)).map((x) => [x.firstName, x.orders])).toEqual([
      ["Anne", ["O-1", "O-4"]],
      ["Paul", ["O-2", "O-5"]],
      ["Louis", ["O-3"]],
      ["Léa", ["O-6"]],
    ]);
  });

  it("fills in what a known spectator lacks and never overwrites what it has", async () => {
    const tenantId = await createTestTenant(db);
    await importFile(db, { tenantId, storageDir, source: file(row(1, { email: "jeanne@example.fr", last: "Petit" })) });
    const [before] = await people(tenantId);
    const { result } = await importFile(db, {
      tenantId,
      storageDir,
      source: file(row(2, { email: "Jeanne@Example.fr", phone: "06 12 34 56 78", first: "Jeanne", last: "Durand", pc: "13200" })),
    });
    expect(result).toMatchObject({ spectatorsCreated: 0, merges: 0 });
    expect(await people(tenantId)).toEqual([
      { ...before!, phone: "+33612345678", firstName: "Jeanne", lastName: "Petit", orders: ["O-1", "O-2"], tickets: ["T-1", "T-2"] },
    ]);
  });

  it("lets staff merge two spectators by hand and undo it", async () => {
    const tenantId = await createTestTenant(db);
    await importFile(db, { tenantId, storageDir, source: file(row(1, { email: "a@example.fr" }), row(2, { email: "b@example.fr" })) });
    const [a, b] = await people(tenantId);
    const result = await withTenant(db, tenantId, (tx) => mergeSpectators(tx, tenantId, { survivorId: a!.id, mergedId: b!.id }));
    expect(result).toMatchObject({ orders: 1, tickets: 1 });
    expect((await people(tenantId)).map((x) => [x.email, x.orders])).toEqual([["a@example.fr", ["O-1", "O-2"]]]);
    await withTenant(db, tenantId, (tx) => undoSpectatorMerge(tx, tenantId, result.mergeId));
    expect((await people(tenantId)).map((x) => [x.email, x.orders])).toEqual([
      ["a@example.fr", ["O-1"]],
      ["b@example.fr", ["O-2"]],
    ]);
    await expect(withTenant(db, tenantId, (tx) => mergeSpectators(tx, tenantId, { survivorId: a!.id, mergedId: a!.id }))).rejects.toThrow(MergeError);
  });

  it("keeps a merge history staff can read (names, rule, import) and undo, both audited", async () => {
    const tenantId = await createTestTenant(db);
    await importFile(db, { tenantId, storageDir, source: file(row(1, { email: "lea@example.fr", first: "Léa", last: "Roux" })) });
    await importFile(db, { tenantId, storageDir, source: file(row(2, { phone: "06 12 34 56 78", first: "Léa", last: "R." })) });
    const third = await importFile(db, { tenantId, storageDir, fileName: "semaine-12.csv", source: file(row(3, { email: "lea@example.fr", phone: "0612345678" })) });
    expect(third.result.merges).toBe(1);
    const staff = await withTenant(db, tenantId, (tx) =>
      tx.user.create({ data: { email: `staff-${tenantId}@example.fr`, name: "Camille Staff", passwordHash: "x" } }),
    );

    const history = await withTenant(db, tenantId, (tx) => listSpectatorMerges(tx, tenantId, { actorUserId: staff.id, masterKey: testMasterKey() }));
    expect(history.total).toBe(1);
    const [entry] = history.rows;
    expect(entry).toMatchObject({
      rule: "same_phone",
      undoneAt: null,
      survivor: { name: "Léa Roux", exists: true },
      merged: { name: "Léa R.", exists: false },
      orders: 1,
      tickets: 1,
      importJob: { id: third.importId, fileName: "semaine-12.csv" },
      mergedBy: null,
    });

    await withTenant(db, tenantId, (tx) => undoSpectatorMergeByStaff(tx, tenantId, entry!.id, staff.id));
    const after = await withTenant(db, tenantId, (tx) => listSpectatorMerges(tx, tenantId, { actorUserId: staff.id, masterKey: testMasterKey() }));
    expect(after.rows[0]).toMatchObject({ undoneAt: expect.any(Date), undoneBy: "Camille Staff", merged: { name: "Léa R.", exists: true } });
    const audit = await withTenant(db, tenantId, (tx) => tx.auditEntry.findMany({ where: { tenantId, action: { startsWith: "spectators.merge" } }, orderBy: { seq: "asc" } }));
    expect(audit.map((a) => [a.action, a.actorUserId, a.targetId])).toEqual([
      ["spectators.merges.read", staff.id, null],
      ["spectators.merge.undo", staff.id, entry!.id],
      ["spectators.merges.read", staff.id, null],
    ]);
    await expect(withTenant(db, tenantId, (tx) => undoSpectatorMergeByStaff(tx, tenantId, entry!.id, staff.id))).rejects.toThrow(MergeError);
  });
});

describe("clusterIdentities", () => {
  const fill = (a: { n: string }, b: { n: string }) => ({ n: a.n || b.n });
  const keys = (k: Partial<{ ref: string; email: string; phone: string; namePostal: string }>) => ({ ref: null, email: null, phone: null, namePostal: null, ...k });
  it("joins weaker keys to stronger groups, never two e-mails through a shared phone", () => {
    const { clusters, rowCluster } = clusterIdentities(
      [
        { keys: keys({ phone: "p1" }), contact: { n: "" } },
        { keys: keys({ email: "e1", phone: "p1" }), contact: { n: "x" } },
        { keys: keys({ email: "e2", phone: "p2" }), contact: { n: "" } },
        { keys: keys({ email: "e3", phone: "p2" }), contact: { n: "" } },
        { keys: keys({ phone: "p2" }), contact: { n: "" } },
        null,
        { keys: keys({ email: "e1" }), contact: { n: "y" } },
      ],
      fill,
    );
    // Row 0 (phone p1 only) joins e1's group; p2 is shared by e2 and e3, so row 4 stays alone.
    expect([...rowCluster]).toEqual([0, 0, 1, 2, 3, -1, 0]);
    expect(clusters.map((c) => c.contact.n)).toEqual(["x", "", "", ""]);
    expect(clusters[0]!.keys).toEqual({ ref: null, email: "e1", phone: "p1", namePostal: null });
  });
});
