// Performances and spectators files, the show catalogue, and the rejected-rows download.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant, type Database } from "@rappel/db";
import { loadIdentityCodec } from "@rappel/personal-data";
import { ImportError, importShowCatalogue, listRejectedRows, listShowGenres, setShowGenre, streamRejectedRowsCsv, ZGenreChoice } from "../index";
import { createTestTenant, importFile, openAppDatabase, tempStorageDir, testMasterKey, utf8, windows1252 } from "../testing";

let db: Database;
let storageDir: string;

beforeAll(async () => {
  db = openAppDatabase();
  storageDir = await tempStorageDir();
});
afterAll(async () => {
  await db.$disconnect();
});

describe("performances file, then tickets by performance reference", () => {
  it("creates shows, venues and performances with genre and capacity; tickets then find them by reference", async () => {
    const tenantId = await createTestTenant(db);
    const performances = [
      "Code séance;Spectacle;Genre;Salle;Date;Heure;Fin;Jauge;Places bloquées;État",
      "S-1;Le Misanthrope;Théâtre;Grande salle;30/03/2025;20h30;22h45;800;12;En vente",
      "S-2;Le Misanthrope;Théâtre;Grande salle;31/03/2025;15h00;;800;0;Complet",
      "S-3;Jazz à Vienne;Conférence;Studio;01/04/2025;19h00;;120;0;Annulée",
      "S-4;Sans date;Théâtre;Studio;;;;100;0;En vente",
    ].join("\n");
    const { result } = await importFile(db, { tenantId, storageDir, kind: "performances", source: windows1252(performances) });
    expect(result).toMatchObject({ status: "completed", rowsRead: 4, rowsAccepted: 3, rowsRejected: 1, warnings: { "genre.unknown": 1 } });
    const rows = await withTenant(db, tenantId, (tx) => tx.performance.findMany({ where: { tenantId }, include: { show: true, venue: true }, orderBy: { externalRef: "asc" } }));
    expect(rows.map((p) => [p.externalRef, p.show.title, p.show.genre, p.venue.name, p.venue.capacity, p.capacity, p.blockedSeats, p.status, p.endsAt.toISOString()])).toEqual([
      ["S-1", "Le Misanthrope", "theatre", "Grande salle", 800, 800, 12, "scheduled", "2025-03-30T20:45:00.000Z"],
      ["S-2", "Le Misanthrope", "theatre", "Grande salle", 800, 800, 0, "scheduled", "2025-03-31T15:00:00.000Z"],
      ["S-3", "Jazz à Vienne", null, "Studio", 120, 120, 0, "cancelled", "2025-04-01T19:00:00.000Z"],
    ]);

    const tickets = ["N° commande;N° billet;Date de commande;Code séance;Prix TTC", "C-1;B-1;01/03/2025;S-2;20,00 €", "C-2;B-2;01/03/2025;S-99;20,00 €"].join("\n");
    const second = await importFile(db, { tenantId, storageDir, source: tickets });
    expect(second.result).toMatchObject({ rowsAccepted: 1, rowsRejected: 1 });
    const performance = await withTenant(db, tenantId, async (tx) => {
      const ticket = await tx.ticket.findFirstOrThrow({ where: { tenantId } });
      return tx.performance.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id: ticket.performanceId } } });
    });
    expect(performance.externalRef).toBe("S-2");

    let csv = "";
    for await (const chunk of streamRejectedRowsCsv(db, tenantId, second.importId, { locale: "fr", masterKey: testMasterKey() })) csv += chunk;
    expect(csv.replace(/^\uFEFF/, "").split("\r\n")[1]).toBe(
      "3;Représentation inconnue : aucune représentation n'a la référence « S-99 » (importez d'abord le fichier des représentations);C-2;B-2;01/03/2025;S-99;20,00 €;",
    );
  });
});

describe("spectators file", () => {
  it("records identities by customer number and e-mail, and e-mail/SMS/social-ads consents; a re-import keeps the original consent time", async () => {
    const tenantId = await createTestTenant(db);
    const text = [
      "N° client;E-mail;Tél;Prénom;Nom;Adresse;CP;Ville;Naissance;Langue;Opt-in e-mail;Opt-in SMS;Opt-in courrier;Consentement réseaux sociaux",
      "K-1;Claire.Roux@example.fr;06 01 02 03 04;Claire;Roux;3 rue de la Paix;38000;Grenoble;12/05/1985;Français;oui;non;oui;oui",
      "K-2;marc@example.fr;;Marc;Blanc;;75011;Paris;;;non;;;non",
      "K-1;claire.roux@example.fr;;;;;;;;;;oui;;",
    ].join("\n");
    const first = await importFile(db, { tenantId, storageDir, kind: "spectators", source: utf8(text) });
    expect(first.result).toMatchObject({ status: "completed", rowsAccepted: 3, spectatorsCreated: 2, warnings: { "consent.unsupported": 1 } });
    const snapshot = () =>
      withTenant(db, tenantId, async (tx) => {
        const codec = await loadIdentityCodec(tx, tenantId, testMasterKey());
        const rows = await tx.spectator.findMany({ where: { tenantId }, orderBy: { externalRef: "asc" }, include: { consents: { orderBy: { channel: "asc" } } } });
        return rows.map((s) => ({
          ref: s.externalRef, ...codec.openIdentity(s), postalCode: s.postalCode, communeCode: s.communeCode, birthYear: s.birthYear,
          consents: s.consents.map((c) => ({ channel: c.channel, status: c.status, source: c.source, at: c.recordedAt.toISOString() })),
        }));
      });
    const people = await snapshot();
    expect(people.map(({ consents, ...p }) => ({ ...p, consents: consents.map((c) => `${c.channel}:${c.status}`) }))).toEqual([
      { ref: "K-1", email: "claire.roux@example.fr", phone: "+33601020304", firstName: "Claire", lastName: "Roux", streetAddress: "3 rue de la Paix", postalCode: "38000", communeCode: "38185", birthYear: 1985, consents: ["email:granted", "sms:granted", "social_ads:granted"] },
      { ref: "K-2", email: "marc@example.fr", phone: null, firstName: "Marc", lastName: "Blanc", streetAddress: null, postalCode: "75011", communeCode: "75056", birthYear: null, consents: ["email:withdrawn", "social_ads:withdrawn"] },
    ]);
    expect(people[0]!.consents[0]!.source).toBe(`import:${first.importId}`);
    await importFile(db, { tenantId, storageDir, kind: "spectators", source: utf8(text) });
    expect((await snapshot()).map((p) => p.consents.map((c) => c.at))).toEqual(people.map((p) => p.consents.map((c) => c.at)));
  });
});

describe("a spectators row that names nobody", () => {
  it("is refused with its reason and keeps its cells", async () => {
    const tenantId = await createTestTenant(db);
    // Its only identifier is a phone that is not one: the row reads, then names nobody.
    const text = ["N° client;E-mail;Tél;Prénom;Ville", "K-1;anne@example.fr;;Anne;Lyon", ";;pas de numéro;Paul;Grenoble"].join("\n");
    const { importId, result } = await importFile(db, { tenantId, storageDir, kind: "spectators", source: utf8(text) });
    expect(result).toMatchObject({ status: "completed", rowsRead: 2, rowsAccepted: 1, rowsRejected: 1 });
    const page = await withTenant(db, tenantId, (tx) => listRejectedRows(tx, tenantId, importId, { offset: 0, limit: 10, locale: "fr", masterKey: testMasterKey() }));
    expect(page.rows.map((r) => [r.line, r.raw])).toEqual([[3, { "N° client": "", "E-mail": "", Tél: "pas de numéro", Prénom: "Paul", Ville: "Grenoble" }]]);
  });
});

describe("show catalogue", () => {
  it("maps titles to genres without regard to case or accents, and counts what it could not match", async () => {
    const tenantId = await createTestTenant(db);
    await withTenant(db, tenantId, async (tx) => {
      for (const title of ["Le Misanthrope", "Cœur à cœur", "Jazz à Vienne", "Stand-up Night"]) await tx.show.create({ data: { tenantId, title } });
    });
    const catalogue = ["Titre;Genre;Producteur", "LE MISANTHROPE;Théâtre;Cie du Rappel", "coeur a coeur;Jeune public / Famille;", "Jazz a Vienne;Jazz;", "Stand-up night;One man show;", "Inconnu au bataillon;Cirque;", "Cœur à cœur;Conférence;"].join("\n");
    const result = await withTenant(db, tenantId, (tx) => importShowCatalogue(tx, tenantId, windows1252(catalogue)));
    expect(result).toEqual({
      rows: 6, matched: 4, unmatched: 1, unknownGenre: 1, showsUpdated: 4, unmatchedTitles: ["Inconnu au bataillon"], unknownGenres: ["Conférence"],
    });
    const shows = await withTenant(db, tenantId, (tx) => tx.show.findMany({ where: { tenantId }, orderBy: { title: "asc" } }));
    expect(shows.map((s) => [s.title, s.genre, s.producer])).toEqual([
      ["Cœur à cœur", "jeune-public", null],
      ["Jazz à Vienne", "jazz", null],
      ["Le Misanthrope", "theatre", "Cie du Rappel"],
      ["Stand-up Night", "humour", null],
    ]);
  });

  it("lets staff set or clear one show's genre from the taxonomy, and only their tenant's shows", async () => {
    const tenantId = await createTestTenant(db);
    const other = await createTestTenant(db);
    const show = await withTenant(db, tenantId, (tx) => tx.show.create({ data: { tenantId, title: "Carmen" } }));
    const foreign = await withTenant(db, other, (tx) => tx.show.create({ data: { tenantId: other, title: "Ailleurs" } }));
    await withTenant(db, tenantId, (tx) => setShowGenre(tx, tenantId, show.id, ZGenreChoice.parse("opera")));
    expect(await withTenant(db, tenantId, (tx) => listShowGenres(tx, tenantId))).toEqual([
      { id: show.id, title: "Carmen", genre: "opera", producer: null, performances: 0 },
    ]);
    await withTenant(db, tenantId, (tx) => setShowGenre(tx, tenantId, show.id, ZGenreChoice.parse("")));
    expect((await withTenant(db, tenantId, (tx) => listShowGenres(tx, tenantId)))[0]!.genre).toBeNull();
    expect(ZGenreChoice.safeParse("conférence").success).toBe(false);
    await expect(withTenant(db, tenantId, (tx) => setShowGenre(tx, tenantId, foreign.id, "jazz"))).rejects.toThrow(ImportError);
    expect((await withTenant(db, other, (tx) => tx.show.findFirstOrThrow({ where: { tenantId: other } }))).genre).toBeNull();
  });
});

describe("rejected rows download", () => {
  it("neutralises cells a spreadsheet would run as formulas", async () => {
    const tenantId = await createTestTenant(db);
    const text = ["N° commande;N° billet;Date de commande;Spectacle;Date de la représentation;Salle;Prix TTC", '=HYPERLINK("http://x");B-1;pas une date;Hamlet;30/03/2025;Studio;10 €'].join("\n");
    const { importId } = await importFile(db, { tenantId, storageDir, source: text });
    let csv = "";
    for await (const chunk of streamRejectedRowsCsv(db, tenantId, importId, { locale: "en", masterKey: testMasterKey() })) csv += chunk;
    const line = csv.split("\r\n")[1]!;
    expect(line).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(line).not.toMatch(/,=HYPERLINK/);
  });
});
