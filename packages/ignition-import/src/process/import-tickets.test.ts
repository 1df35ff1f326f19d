import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant, type Database } from "@rappel/db";
import { loadIdentityCodec } from "@rappel/personal-data";
import { getImportProgress, listRejectedRows, streamRejectedRowsCsv } from "../index";
import { createTestTenant, fixtureStream, importFile, openAppDatabase, tempStorageDir, testMasterKey } from "../testing";

let db: Database;
let storageDir: string;

beforeAll(async () => {
  db = openAppDatabase();
  storageDir = await tempStorageDir();
});
afterAll(async () => {
  await db.$disconnect();
});

async function snapshot(tenantId: string) {
  return withTenant(db, tenantId, async (tx) => {
    const codec = await loadIdentityCodec(tx, tenantId, testMasterKey());
    const spectators = await tx.spectator.findMany({ where: { tenantId }, orderBy: { createdAt: "asc" } });
    return {
      tickets: await tx.ticket.findMany({ where: { tenantId }, orderBy: { reference: "asc" } }),
      orders: await tx.order.findMany({ where: { tenantId }, orderBy: { reference: "asc" } }),
      performances: await tx.performance.findMany({ where: { tenantId }, include: { show: true, venue: true }, orderBy: { startsAt: "asc" } }),
      venues: await tx.venue.findMany({ where: { tenantId } }),
      shows: await tx.show.findMany({ where: { tenantId } }),
      spectators: spectators.map((s) => ({ ...s, identity: codec.openIdentity(s) })),
      rollups: await tx.rollupDailySales.findMany({ where: { tenantId } }),
    };
  });
}

/** The columns of the short files below: each line names its performance by title, start and venue. */
const HEADER = "N° commande;N° billet;Date de commande;Spectacle;Date de la représentation;Salle;Prix TTC;E-mail acheteur";

/** Imports `lines` under HEADER for the tenant. */
const importLines = (tenantId: string, lines: string[], options?: Parameters<typeof importFile>[1]["options"]) =>
  importFile(db, { tenantId, storageDir, source: [HEADER, ...lines].join("\n"), options });

describe("a French Windows-1252 ticketing export", () => {
  let tenantId: string;
  let first: Awaited<ReturnType<typeof importFile>>;

  beforeAll(async () => {
    tenantId = await createTestTenant(db);
    first = await importFile(db, { tenantId, storageDir, source: fixtureStream("billetterie-quirks-windows-1252.csv") });
  });

  it("imports every readable row and keeps the others with their line", async () => {
    expect(first.result).toMatchObject({ status: "completed", rowsRead: 7, rowsAccepted: 6, rowsRejected: 1 });
    const progress = await withTenant(db, tenantId, (tx) => getImportProgress(tx, tenantId, first.importId));
    expect(progress).toMatchObject({ status: "completed", rowsRead: 7, rowsAccepted: 6, rowsRejected: 1, fraction: 1, warnings: 2 });
    expect(Object.values(first.result.warnings).reduce((a, b) => a + b, 0)).toBe(2);
    // The whole file was read (bytes, for the ETA while it runs).
    const stored = await withTenant(db, tenantId, (tx) => tx.importJob.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id: first.importId } } }));
    expect(stored.bytesRead).toBe(stored.fileSize);
    expect(progress.finishedAt).toBeInstanceOf(Date);

    const s = await snapshot(tenantId);
    expect(s.tickets.map((t) => [t.reference, t.priceCents, t.status, t.isComplimentary, t.salesChannel])).toEqual([
      ["B-1", 2500, "valid", false, "box_office"],
      ["B-2", 123450, "valid", false, "web"],
      ["B-3", 0, "valid", true, "partner"],
      ["B-5", 2500, "valid", false, "web"],
      ["B-6", 1800, "refunded", false, "phone"],
      // "Réservé": an unpaid reservation is kept, as pending.
      ["B-7", 1800, "pending", false, "web"],
    ]);
    expect(s.orders.map((o) => [o.reference, o.totalCents, o.status])).toEqual([
      ["C-1001", 125950, "paid"],
      ["C-1002", 0, "paid"],
      ["C-1004", 2500, "paid"],
      // A refunded order stands for no money; a pending one for what is still due.
      ["C-1005", 0, "refunded"],
      ["C-1006", 1800, "pending"],
    ]);
    // "grande  salle" is the same venue; the title broken over two lines is the same show.
    expect(s.venues.map((v) => v.name).sort()).toEqual(["Grande salle", "Studio"]);
    expect(s.shows.map((v) => v.title).sort()).toEqual(["Cœur à cœur", "Le Misanthrope"]);
    expect(s.performances.map((p) => [p.show.title, p.startsAt.toISOString(), p.venue.name])).toEqual([
      ["Le Misanthrope", "2025-03-30T18:30:00.000Z", "Grande salle"],
      ["Cœur à cœur", "2025-10-31T18:00:00.000Z", "Studio"],
    ]);
  });

  it("harmonises contacts: one spectator per e-mail whatever its case, E.164 phones, communes, tidy names", async () => {
    const s = await snapshot(tenantId);
    const people = s.spectators.map((p) => ({ ...p.identity, postalCode: p.postalCode, communeCode: p.communeCode, country: p.country }));
    expect(people).toEqual([
      { email: "anne.martin@example.fr", phone: "+33612345678", firstName: "anne", lastName: "Martin", streetAddress: null, postalCode: "69001", communeCode: "69123", country: "FR" },
      { email: "françois@example", phone: null, firstName: "François", lastName: "Bœuf", streetAddress: null, postalCode: "13200", communeCode: "13004", country: "FR" },
      // A likely typo is reported, never corrected.
      { email: "paul.durand@gmial.com", phone: "+33698765432", firstName: "Paul", lastName: "Durand", streetAddress: null, postalCode: "97400", communeCode: "97411", country: "FR" },
      { email: null, phone: "+33711223344", firstName: "Jeanne", lastName: "Petit", streetAddress: null, postalCode: "13200", communeCode: "13004", country: "FR" },
    ]);
    expect(first.result.warnings).toEqual({ "email.invalid": 1, "email.typo": 1 });
    // Both of Anne's tickets and her order point at her one record.
    const anne = s.spectators[0]!.id;
    expect(s.tickets.filter((t) => t.holderId === anne).map((t) => t.reference)).toEqual(["B-1", "B-2"]);
    expect(s.orders.find((o) => o.reference === "C-1001")?.spectatorId).toBe(anne);
  });

  it("refreshes the rollups of the performances it touched", async () => {
    const s = await snapshot(tenantId);
    const byPerformance = (title: string) => {
      const id = s.performances.find((p) => p.show.title === title)!.id;
      const rows = s.rollups.filter((r) => r.performanceId === id);
      return { tickets: rows.reduce((n, r) => n + r.tickets, 0), complimentary: rows.reduce((n, r) => n + r.complimentary, 0), revenue: rows.reduce((n, r) => n + Number(r.revenueCents), 0) };
    };
    expect(byPerformance("Le Misanthrope")).toEqual({ tickets: 3, complimentary: 0, revenue: 2500 + 123450 + 2500 });
    // Neither the refunded ticket nor the pending reservation counts; the invitation counts as a
    // ticket without revenue.
    expect(byPerformance("Cœur à cœur")).toEqual({ tickets: 1, complimentary: 1, revenue: 0 });
  });

  it("lists refused rows with their line, reasons people understand, and the raw cells", async () => {
    const page = await withTenant(db, tenantId, (tx) => listRejectedRows(tx, tenantId, first.importId, { offset: 0, limit: 10, locale: "fr", masterKey: testMasterKey() }));
    expect(page.total).toBe(1);
    expect(page.rows.map((r) => [r.line, r.reasons])).toEqual([
      [7, ["Date de commande illisible : « 31/02/2025 »", "Canal de vente inconnu(e) : « Minitel » (valeurs acceptées : box_office, web, phone, reseller, partner)"]],
    ]);
    expect(page.rows[0]!.raw).toMatchObject({ "N° billet": "B-4", "E-mail acheteur": "x@example.fr", Nom: "Noël" });
    // Opening them is an audited read of personal data.
    const audit = await withTenant(db, tenantId, (tx) => tx.auditEntry.findMany({ where: { tenantId, action: "import.rejected_rows.read" } }));
    expect(audit).toHaveLength(1);

    let csv = "";
    for await (const chunk of streamRejectedRowsCsv(db, tenantId, first.importId, { locale: "en", masterKey: testMasterKey() })) csv += chunk;
    const lines = csv.replace(/^\uFEFF/, "").trimEnd().split("\r\n");
    expect(lines[0]).toBe("Line,Reasons,N° commande,N° billet,Date de commande,Spectacle,Date de la représentation,Heure,Salle,Tarif,Prix TTC,Canal de vente,E-mail acheteur,Téléphone,Prénom,Nom,CP,Ville,Pays,Statut,Other cells");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe(
      '7,"Unreadable order date: “31/02/2025” | Unknown sales channel: “Minitel” (allowed: box_office, web, phone, reseller, partner)",C-1003,B-4,31/02/2025,Le Misanthrope,30/03/2025,20h30,Grande salle,Plein tarif,"25,00 €",Minitel,x@example.fr,,Léa,Noël,75001,Paris,,Payé,',
    );
  });

  it("re-importing the same file changes nothing and duplicates nothing", async () => {
    const before = await snapshot(tenantId);
    const again = await importFile(db, { tenantId, storageDir, source: fixtureStream("billetterie-quirks-windows-1252.csv") });
    expect(again.result).toMatchObject({ status: "completed", rowsRead: 7, rowsAccepted: 6, rowsRejected: 1, merges: 0, spectatorsCreated: 0 });
    const after = await snapshot(tenantId);
    expect(after.tickets).toEqual(before.tickets);
    expect(after.orders).toEqual(before.orders);
    expect(after.spectators.map((p) => p.id)).toEqual(before.spectators.map((p) => p.id));
    expect(after.performances.map((p) => p.id)).toEqual(before.performances.map((p) => p.id));
    expect(after.rollups.length).toBe(before.rollups.length);
  });

  it("an overlapping file updates what changed and adds what is new", async () => {
    const overlap = [
      "N° commande;N° billet;Date de commande;Spectacle;Date de la représentation;Heure;Salle;Tarif;Prix TTC;Canal de vente;E-mail acheteur",
      "C-1001;B-2;28/03/2025 23:15;Le Misanthrope;30/03/2025;20h30;Grande salle;Tarif réduit;30,00 €;Internet;ANNE.MARTIN@example.fr",
      "C-1008;B-9;04/03/2025 09:00;Le Misanthrope;30/03/2025;20h30;Grande salle;Plein tarif;25,00 €;Internet;paul.durand@gmial.com",
    ].join("\n");
    const { result } = await importFile(db, { tenantId, storageDir, source: overlap });
    expect(result).toMatchObject({ status: "completed", rowsAccepted: 2, spectatorsCreated: 0 });
    const s = await snapshot(tenantId);
    expect(s.tickets.map((t) => t.reference)).toEqual(["B-1", "B-2", "B-3", "B-5", "B-6", "B-7", "B-9"]);
    expect(s.tickets.find((t) => t.reference === "B-2")?.priceCents).toBe(3000);
    expect(s.orders.find((o) => o.reference === "C-1001")?.totalCents).toBe(2500 + 3000);
    expect(s.spectators).toHaveLength(4);
    const misanthrope = s.performances.find((p) => p.show.title === "Le Misanthrope")!.id;
    const revenue = s.rollups.filter((r) => r.performanceId === misanthrope).reduce((n, r) => n + Number(r.revenueCents), 0);
    expect(revenue).toBe(2500 + 3000 + 2500 + 2500);
  });

  it("a re-import that cancels one ticket of an existing order lowers its total, and the order stays paid", async () => {
    const before = await snapshot(tenantId);
    const order = before.orders.find((o) => o.reference === "C-1001")!;
    expect([order.totalCents, order.status]).toEqual([2500 + 3000, "paid"]);
    const cancelled = [
      "N° commande;N° billet;Date de commande;Spectacle;Date de la représentation;Heure;Salle;Tarif;Prix TTC;Canal de vente;E-mail acheteur;Statut",
      "C-1001;B-1;01/03/2025 10:00;Le Misanthrope;30/03/2025;20h30;Grande salle;Plein tarif;25,00 €;Guichet;anne.martin@example.fr;Annulé",
    ].join("\n");
    const { result } = await importFile(db, { tenantId, storageDir, source: cancelled });
    expect(result).toMatchObject({ status: "completed", rowsAccepted: 1, rowsRejected: 0 });
    const after = await snapshot(tenantId);
    expect(after.tickets.find((t) => t.reference === "B-1")?.status).toBe("cancelled");
    // Only B-2 (30,00 €) is still paid for; the order keeps its id and stays paid.
    expect(after.orders.find((o) => o.reference === "C-1001")).toMatchObject({ id: order.id, totalCents: 3000, status: "paid" });
  });

  it("a ticket moved to another performance leaves the old one's figures too", async () => {
    const before = await snapshot(tenantId);
    const ticketsOf = (s: typeof before, title: string) => {
      const id = s.performances.find((p) => p.show.title === title)!.id;
      return s.rollups.filter((r) => r.performanceId === id).reduce((n, r) => n + r.tickets, 0);
    };
    const moved = [
      "N° commande;N° billet;Date de commande;Spectacle;Date de la représentation;Heure;Salle;Prix TTC;Canal de vente",
      "C-1004;B-5;01/03/2025 10:00;Cœur à cœur;31/10/2025;19h00;Studio;25,00 €;Internet",
    ].join("\n");
    await importFile(db, { tenantId, storageDir, source: moved });
    const after = await snapshot(tenantId);
    expect(ticketsOf(after, "Le Misanthrope")).toBe(ticketsOf(before, "Le Misanthrope") - 1);
    expect(ticketsOf(after, "Cœur à cœur")).toBe(ticketsOf(before, "Cœur à cœur") + 1);
  });

  it("a reservation paid in a later export becomes a sale, its order paid, and counts", async () => {
    const before = await snapshot(tenantId);
    const coeur = before.performances.find((p) => p.show.title === "Cœur à cœur")!.id;
    const figures = (s: typeof before) => {
      const rows = s.rollups.filter((r) => r.performanceId === coeur);
      return { tickets: rows.reduce((n, r) => n + r.tickets, 0), revenue: rows.reduce((n, r) => n + Number(r.revenueCents), 0) };
    };
    const paid = [
      "N° commande;N° billet;Date de commande;Spectacle;Date de la représentation;Heure;Salle;Tarif;Prix TTC;Canal de vente;Statut",
      "C-1006;B-7;03/03/2025 12:00;Cœur à cœur;31/10/2025;19h00;Studio;Plein tarif;18,00 €;Internet;Payé",
    ].join("\n");
    const { result } = await importFile(db, { tenantId, storageDir, source: paid });
    expect(result).toMatchObject({ status: "completed", rowsAccepted: 1, rowsRejected: 0 });
    const after = await snapshot(tenantId);
    const ticket = after.tickets.find((t) => t.reference === "B-7")!;
    expect(ticket.status).toBe("valid");
    expect(ticket.id).toBe(before.tickets.find((t) => t.reference === "B-7")!.id);
    expect(after.orders.find((o) => o.reference === "C-1006")?.status).toBe("paid");
    expect(figures(after)).toEqual({ tickets: figures(before).tickets + 1, revenue: figures(before).revenue + 1800 });
  });
});

describe("a performance named by a reference nobody knows", () => {
  it("refuses that row when the batch is written, keeping its raw cells, and imports the rows that name title, date and venue", async () => {
    const tenantId = await createTestTenant(db);
    const file = [
      "N° commande;N° billet;Date de commande;Code séance;Spectacle;Date de la représentation;Salle;Prix TTC;E-mail acheteur",
      "C-1;B-1;01/10/2026 10:00;;Le Misanthrope;12/01/2027 20:30;Grande salle;25,00 €;anne@example.fr",
      "C-2;B-2;02/10/2026 11:00;SEANCE-404;;;;30,00 €;paul@example.fr",
    ].join("\n");
    const { importId, result } = await importFile(db, { tenantId, storageDir, source: file });
    expect(result).toMatchObject({ status: "completed", rowsRead: 2, rowsAccepted: 1, rowsRejected: 1 });
    const page = await withTenant(db, tenantId, (tx) => listRejectedRows(tx, tenantId, importId, { offset: 0, limit: 10, locale: "fr", masterKey: testMasterKey() }));
    expect(page.rows.map((r) => r.line)).toEqual([3]);
    expect(page.rows[0]!.reasons.join(" ")).toContain("aucune représentation n'a la référence « SEANCE-404 »");
    expect(page.rows[0]!.raw).toMatchObject({ "N° billet": "B-2", "Code séance": "SEANCE-404", "E-mail acheteur": "paul@example.fr" });
    const tickets = await withTenant(db, tenantId, (tx) => tx.ticket.findMany({ where: { tenantId } }));
    expect(tickets.map((t) => t.reference)).toEqual(["B-1"]);
  });
});

describe("the lines of one order for performances that differ in one cell", () => {
  it("put each ticket on its own performance (a line is not taken for the one before)", async () => {
    const tenantId = await createTestTenant(db);
    const { result } = await importLines(tenantId, [
      "C-1;B-1;01/10/2026 10:00;Le Misanthrope;12/01/2027 20:30;Grande salle;25,00 €;anne@example.fr",
      "C-1;B-2;01/10/2026 10:00;Le Misanthrope;12/01/2027 15:00;Grande salle;25,00 €;anne@example.fr",
      "C-1;B-3;01/10/2026 10:00;Le Misanthrope;12/01/2027 15:00;Studio;25,00 €;anne@example.fr",
      "C-1;B-4;01/10/2026 10:00;Tartuffe;12/01/2027 15:00;Studio;25,00 €;anne@example.fr",
    ]);
    expect(result).toMatchObject({ status: "completed", rowsAccepted: 4 });
    const s = await snapshot(tenantId);
    const performance = new Map(s.performances.map((p) => [p.id, [p.show.title, p.startsAt.toISOString(), p.venue.name]]));
    expect(s.tickets.map((t) => [t.reference, ...performance.get(t.performanceId)!])).toEqual([
      ["B-1", "Le Misanthrope", "2027-01-12T19:30:00.000Z", "Grande salle"],
      ["B-2", "Le Misanthrope", "2027-01-12T14:00:00.000Z", "Grande salle"],
      ["B-3", "Le Misanthrope", "2027-01-12T14:00:00.000Z", "Studio"],
      ["B-4", "Tartuffe", "2027-01-12T14:00:00.000Z", "Studio"],
    ]);
  });
});

describe("a ticket that reappears under an order new to the tenant", () => {
  it("is updated (the batch's plain insert falls back to the upsert), not refused or duplicated", async () => {
    const tenantId = await createTestTenant(db);
    const line = (order: string, price: string) => `${order};B-1;01/10/2026 10:00;Le Misanthrope;12/01/2027 20:30;Grande salle;${price};anne@example.fr`;
    await importLines(tenantId, [line("C-1", "25,00 €")]);
    // The ticketing system re-issued the order under a new number: the batch's only order is new.
    const again = await importLines(tenantId, [line("C-9", "27,00 €")]);
    expect(again.result).toMatchObject({ status: "completed", rowsAccepted: 1, rowsRejected: 0 });
    const tickets = await withTenant(db, tenantId, (tx) => tx.ticket.findMany({ where: { tenantId } }));
    const orders = await withTenant(db, tenantId, (tx) => tx.order.findMany({ where: { tenantId } }));
    expect(tickets).toHaveLength(1);
    expect(tickets[0]!.priceCents).toBe(2700);
    expect(orders.find((o) => o.id === tickets[0]!.orderId)?.reference).toBe("C-9");
    // The old order has nothing left: it no longer counts as a paid order of 25 €.
    expect(orders.map((o) => [o.reference, o.totalCents, o.status]).sort()).toEqual([["C-1", 0, "cancelled"], ["C-9", 2700, "paid"]]);
  });

  it("leaves its old order with the tickets it keeps, and the old performance's figures follow", async () => {
    const tenantId = await createTestTenant(db);
    const misanthrope = "Le Misanthrope;12/01/2027 20:30;Grande salle";
    const tartuffe = "Tartuffe;14/01/2027 20:30;Grande salle";
    await importLines(tenantId, [`C-1;B-1;01/10/2026 10:00;${misanthrope};25,00 €;anne@example.fr`, `C-1;B-2;01/10/2026 10:00;${misanthrope};30,00 €;anne@example.fr`]);
    // B-2 re-issued under a new order, for another performance.
    await importLines(tenantId, [`C-7;B-2;05/10/2026 09:00;${tartuffe};30,00 €;anne@example.fr`]);
    const { orders, sales, performances } = await withTenant(db, tenantId, async (tx) => ({
      orders: await tx.order.findMany({ where: { tenantId }, orderBy: { reference: "asc" } }),
      sales: await tx.rollupPerformance.findMany({ where: { tenantId } }),
      performances: await tx.performance.findMany({ where: { tenantId }, include: { show: true } }),
    }));
    expect(orders.map((o) => [o.reference, o.totalCents, o.status])).toEqual([["C-1", 2500, "paid"], ["C-7", 3000, "paid"]]);
    const titleOf = (performanceId: string) => performances.find((p) => p.id === performanceId)!.show.title;
    expect(sales.map((r) => [titleOf(r.performanceId), r.tickets, Number(r.revenueCents)]).sort()).toEqual([["Le Misanthrope", 1, 2500], ["Tartuffe", 1, 3000]]);
  });
});

describe("batches of a tickets file", () => {
  const line = (order: string, ticket: number) => `${order};B-${ticket};01/10/2026 10:00;Le Misanthrope;12/01/2027 20:30;Grande salle;10,00 €;anne@example.fr`;

  async function importInBatchesOf(batchSize: number, lines: string[]) {
    const tenantId = await createTestTenant(db);
    const cuts: number[] = [];
    const profile: Record<string, number> = {};
    const { result } = await importLines(tenantId, lines, { batchSize, profile, onBatch: ({ rowsRead }) => void cuts.push(rowsRead) });
    const orders = await withTenant(db, tenantId, (tx) => tx.order.findMany({ where: { tenantId }, orderBy: { reference: "asc" } }));
    return { result, cuts, profile, orders: orders.map((o) => [o.reference, o.totalCents]) };
  }

  it("are not cut between the lines of an order: no batch has to find what the previous one wrote", async () => {
    const run = await importInBatchesOf(2, [line("C-1", 1), line("C-1", 2), line("C-1", 3), line("C-2", 4), line("C-2", 5), line("C-3", 6)]);
    expect(run.result).toMatchObject({ status: "completed", rowsAccepted: 6 });
    expect(run.cuts).toEqual([3, 5, 6]);
    expect(run.profile["orders.existing"]).toBeUndefined();
    expect(run.orders).toEqual([["C-1", 3000], ["C-2", 2000], ["C-3", 1000]]);
  });

  it("grow to twice their size at most: a longer order is cut, and its total still counts every line", async () => {
    const run = await importInBatchesOf(2, [1, 2, 3, 4, 5].map((n) => line("C-1", n)));
    expect(run.cuts).toEqual([4, 5]);
    expect(run.profile["orders.existing"]).toBeGreaterThan(0);
    expect(run.orders).toEqual([["C-1", 5000]]);
  });
});
