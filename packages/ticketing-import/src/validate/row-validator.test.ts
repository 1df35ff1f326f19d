import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseColumnMapping, ZColumnMapping } from "../mapping/column-mapping";
import { suggestMapping } from "../mapping/suggest-mapping";
import { openImportFile } from "../read/open-import-file";
import { createRowValidator, describeIssues } from "./row-validator";

const ticketMapping = parseColumnMapping("tickets", {
  version: 1,
  kind: "tickets",
  columns: {
    orderRef: "Commande", ticketRef: "Billet", orderDate: "Date commande", showTitle: "Spectacle",
    performanceStart: "Date représentation", performanceTime: "Heure", venue: "Salle", price: "Prix",
    salesChannel: "Canal", email: "E-mail", postalCode: "CP", country: "Pays", complimentary: "Exonéré", status: "Statut",
  },
});

const base = {
  Commande: "C-1", Billet: "B-1", "Date commande": "28/03/2025 23:15", Spectacle: "Le Misanthrope",
  "Date représentation": "30/03/2025", Heure: "20h30", Salle: "Grande salle", Prix: "1 234,50 €", Canal: "Guichet",
  "E-mail": " anne@example.fr ", CP: "1000", Pays: "", Exonéré: "non", Statut: "Payé",
};

describe("ticket rows", () => {
  const validate = createRowValidator(ticketMapping);

  it("checks a preset is for the expected kind of file", () => {
    expect(() => parseColumnMapping("performances", ticketMapping)).toThrow(/expected a performances mapping/);
    expect(ZColumnMapping.parse(ticketMapping)).toEqual(ticketMapping);
  });

  it("turns a messy French row into a typed row", () => {
    const r = validate(base);
    expect(r).toEqual({
      ok: true,
      warnings: [],
      row: {
        orderRef: "C-1", ticketRef: "B-1", orderDate: new Date("2025-03-28T22:15:00Z"), performanceRef: null,
        showTitle: "Le Misanthrope", performanceStart: new Date("2025-03-30T18:30:00Z"), performanceHasTime: true,
        venue: "Grande salle", priceCategory: null, priceCents: 123450, currency: "EUR", salesChannel: "box_office",
        email: "anne@example.fr", phone: null, firstName: null, lastName: null, postalCode: "01000", city: null,
        country: "FR", complimentary: false, status: "confirmed",
      },
    });
  });

  it("explains every reason a row is refused, in French and English", () => {
    const r = validate({ ...base, Commande: "", Billet: "", "Date commande": "31/02/2025", Prix: "gratuit", Canal: "Minitel" });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toEqual(
      expect.arrayContaining([
        { code: "date.invalid", field: "orderDate", value: "31/02/2025" },
        { code: "amount.invalid", field: "price", value: "gratuit" },
        { code: "enum.unknown", field: "salesChannel", value: "Minitel", allowed: ["box_office", "web", "phone", "reseller", "partner"] },
        { code: "reference.missing", field: "orderRef" },
      ]),
    );
    const fr = describeIssues("tickets", r.issues, "fr");
    expect(fr).toContain("Date de commande illisible : « 31/02/2025 »");
    expect(fr).toContain("Canal de vente inconnu(e) : « Minitel » (valeurs acceptées : box_office, web, phone, reseller, partner)");
    expect(describeIssues("tickets", r.issues, "en")).toContain("Unreadable order date: “31/02/2025”");
  });

  it("requires the performance by reference, or by title + date + venue", () => {
    const r = validate({ ...base, Salle: "" });
    expect(r).toEqual({ ok: false, issues: [{ code: "performance.missing", field: "performanceRef" }] });
    const withRef = createRowValidator({ ...ticketMapping, columns: { ...ticketMapping.columns, performanceRef: "Séance" } });
    expect(withRef({ ...base, Salle: "", Séance: "S-42" }).ok).toBe(true);
  });

  it("keeps the row when only contact details are wrong, with warnings", () => {
    const r = validate({ ...base, "E-mail": "anne@", CP: "ABC", Pays: "Atlantide" });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    // A broken e-mail is reported, not thrown away.
    expect(r.row.email).toBe("anne@");
    expect(r.row.postalCode).toBeNull();
    expect(r.warnings).toEqual([
      { code: "email.invalid", field: "email", value: "anne@" },
      { code: "country.unknown", field: "country", value: "Atlantide" },
      { code: "postal_code.invalid", field: "postalCode", value: "ABC" },
    ]);
  });

  it("reads the Windows-1252 French fixture end to end with suggested mapping", async () => {
    const file = await openImportFile(fileURLToPath(new URL("../../fixtures/billetterie-fr-windows-1252.csv", import.meta.url)));
    const mapping = parseColumnMapping("tickets", suggestMapping("tickets", file.headers).mapping);
    const validateFile = createRowValidator(mapping);
    const results = [];
    for await (const { line, raw } of file) results.push({ line, result: validateFile(raw) });
    expect(file.summary()).toMatchObject({ rowsRead: 4, blankRowsSkipped: 1, csv: { encoding: "windows-1252", delimiter: ";" } });
    expect(results.map((r) => [r.line, r.result.ok])).toEqual([
      [2, true],
      [3, true],
      [5, true],
      [7, false],
    ]);
    const [first, second, third, fourth] = results.map((r) => r.result);
    expect(first?.ok && first.row).toMatchObject({ priceCents: 2500, salesChannel: "box_office", postalCode: "69001", orderDate: new Date("2025-03-28T22:15:00Z") });
    expect(second?.ok && second.row).toMatchObject({ priceCents: 123450, salesChannel: "web", firstName: "Zoé", postalCode: "01000" });
    // Fall-back night: 02:30 is taken as winter time; the quoted title kept its line break as a space.
    expect(third?.ok && third.row).toMatchObject({ orderDate: new Date("2025-10-26T01:30:00Z"), showTitle: "Cœur à cœur", lastName: "Bœuf", salesChannel: "partner", complimentary: true });
    expect(third?.ok && third.warnings).toEqual([{ code: "email.invalid", field: "email", value: "françois@example" }]);
    expect(fourth?.ok === false && describeIssues("tickets", fourth.issues, "fr")).toEqual([
      "Date de commande illisible : « 31/02/2025 »",
      "Canal de vente inconnu(e) : « Minitel » (valeurs acceptées : box_office, web, phone, reseller, partner)",
    ]);
  });

  it("reads the English UTF-8 fixture with its suggested mapping", async () => {
    const file = await openImportFile(fileURLToPath(new URL("../../fixtures/orders-en-utf8-bom.csv", import.meta.url)));
    const validateFile = createRowValidator(parseColumnMapping("tickets", suggestMapping("tickets", file.headers).mapping));
    const rows = [];
    for await (const { raw } of file) {
      const r = validateFile(raw);
      if (!r.ok) throw new Error(JSON.stringify(r.issues));
      rows.push(r.row);
    }
    // 29 March 2025 is still winter time in Paris (UTC+1); the first row has an explicit Z.
    expect(rows).toMatchObject([
      { orderDate: new Date("2025-03-28T21:15:00Z"), priceCents: 3250, salesChannel: "reseller", country: "GB", postalCode: "SW1A 1AA", status: "confirmed" },
      { orderDate: new Date("2025-03-29T09:00:00Z"), priceCents: 123400, salesChannel: "web", country: "FR", postalCode: "75011", status: "refunded" },
    ]);
  });
});

describe("performance rows", () => {
  const validate = createRowValidator(
    parseColumnMapping("performances", {
      version: 1,
      kind: "performances",
      columns: { reference: "Code", showTitle: "Spectacle", start: "Date", startTime: "Heure", end: "Fin", capacity: "Jauge", blockedSeats: "Bloquées", status: "État" },
    }),
  );
  const row = { Code: "S-1", Spectacle: "Hamlet", Date: "26/10/2025", Heure: "20h30", Fin: "22h45", Jauge: "1 200", Bloquées: "12", État: "Complet" };

  it("combines date and time, reads an end given as a time, and seats", () => {
    expect(validate(row)).toMatchObject({
      ok: true,
      row: { reference: "S-1", start: new Date("2025-10-26T19:30:00Z"), end: new Date("2025-10-26T21:45:00Z"), capacity: 1200, blockedSeats: 12, status: "sold_out" },
    });
  });

  it("refuses an end before the start and more blocked seats than the capacity", () => {
    const r = validate({ ...row, Fin: "19h00", Bloquées: "1300" });
    expect(r).toEqual({
      ok: false,
      issues: [
        { code: "end.before_start", field: "end", value: "19h00" },
        { code: "blocked_seats.over_capacity", field: "blockedSeats", value: "1300" },
      ],
    });
    expect(validate({ ...row, Spectacle: " ", Date: "" })).toEqual({
      ok: false,
      issues: [
        { code: "required", field: "showTitle" },
        { code: "required", field: "start" },
      ],
    });
    const untitled = validate({ ...row, Spectacle: "" });
    expect(!untitled.ok && describeIssues("performances", untitled.issues, "fr")).toEqual(["Titre du spectacle manquant(e)"]);
    expect(!untitled.ok && describeIssues("performances", untitled.issues, "en")).toEqual(["Missing show title"]);
  });
});

describe("spectator rows", () => {
  const validate = createRowValidator(
    parseColumnMapping("spectators", {
      version: 1,
      kind: "spectators",
      columns: { reference: "N° client", email: "E-mail", phone: "Tél", birthYear: "Naissance", language: "Langue", consentEmail: "Opt-in e-mail", consentSms: "Opt-in SMS", consentSocialAds: "Optin publicité", postalCode: "CP", country: "Pays" },
    }),
    { now: new Date("2026-01-15T00:00:00Z") },
  );

  it("keeps only the birth year, reads language and consents", () => {
    expect(validate({ "N° client": "42", "E-mail": "a@b.fr", Tél: "", Naissance: "12/05/1985", Langue: "Français", "Opt-in e-mail": "oui", "Opt-in SMS": "", "Optin publicité": "non", CP: "97400", Pays: "France" })).toEqual({
      ok: true,
      warnings: [],
      row: {
        reference: "42", email: "a@b.fr", phone: null, firstName: null, lastName: null, address: null, postalCode: "97400",
        city: null, country: "FR", birthYear: 1985, language: "fr", consentEmail: true, consentSms: null, consentSocialAds: false, consentPhone: null, consentPost: null,
      },
    });
  });

  it("warns on a future birth year or an unreadable consent, and refuses an unidentifiable spectator", () => {
    const r = validate({ "N° client": "42", Naissance: "2027", "Opt-in e-mail": "peut-être" });
    expect(r.ok && r.warnings.map((w) => w.code)).toEqual(["integer.out_of_range", "boolean.invalid"]);
    expect(r.ok && r.row.consentEmail).toBeNull();
    expect(validate({ "N° client": "", "E-mail": "", Tél: "" })).toEqual({ ok: false, issues: [{ code: "spectator.unidentified", field: "reference" }] });
  });
});
