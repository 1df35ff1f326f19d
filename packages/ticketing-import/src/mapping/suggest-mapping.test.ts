import { describe, expect, it } from "vitest";
import { ZColumnMapping } from "./column-mapping";
import { headerTokens } from "./header-normalise";
import { suggestMapping } from "./suggest-mapping";

const targetsOf = (kind: Parameters<typeof suggestMapping>[0], headers: string[]) =>
  Object.fromEntries(suggestMapping(kind, headers).columns.map((c) => [c.header, c.target]));

describe("headerTokens", () => {
  it("ignores accents, case, punctuation and common abbreviations", () => {
    expect(headerTokens("N° de commande")).toEqual(["numero", "commande"]);
    expect(headerTokens("No. Commande")).toEqual(["numero", "commande"]);
    expect(headerTokens("E-mail acheteur")).toEqual(["email", "acheteur"]);
    expect(headerTokens("Date de la représentation")).toEqual(["date", "representation"]);
    expect(headerTokens("Prix TTC (€)")).toEqual(["prix", "ttc"]);
    expect(headerTokens("CP")).toEqual(["code", "postal"]);
    expect(headerTokens("Tél.")).toEqual(["telephone"]);
    expect(headerTokens("Order #")).toEqual(["order", "numero"]);
  });
});

describe("suggestMapping", () => {
  it("maps a realistic French ticketing export", () => {
    const headers = [
      "N° commande", "N° billet", "Date de commande", "Spectacle", "Date de la représentation", "Heure", "Salle",
      "Tarif", "Prix TTC", "Canal de vente", "E-mail acheteur", "Téléphone", "Prénom", "Nom", "CP", "Ville", "Pays",
      "Exonéré", "Statut", "Commentaire interne",
    ];
    expect(targetsOf("tickets", headers)).toEqual({
      "N° commande": "orderRef",
      "N° billet": "ticketRef",
      "Date de commande": "orderDate",
      Spectacle: "showTitle",
      "Date de la représentation": "performanceStart",
      Heure: "performanceTime",
      Salle: "venue",
      Tarif: "priceCategory",
      "Prix TTC": "price",
      "Canal de vente": "salesChannel",
      "E-mail acheteur": "email",
      Téléphone: "phone",
      Prénom: "firstName",
      Nom: "lastName",
      CP: "postalCode",
      Ville: "city",
      Pays: "country",
      Exonéré: "complimentary",
      Statut: "status",
      "Commentaire interne": null,
    });
    const suggestion = suggestMapping("tickets", headers);
    expect(suggestion.columns.find((c) => c.header === "Prix TTC")?.confidence).toBe(1);
    // The suggestion is a valid mapping as it stands.
    expect(ZColumnMapping.safeParse(suggestion.mapping).success).toBe(true);
  });

  it("maps an English export", () => {
    const headers = ["Order ID", "Ticket ID", "Order Date", "Event", "Event Date", "Venue", "Price Type", "Price", "Sales Channel", "Buyer Email", "First Name", "Last Name", "Zip Code", "City", "Country", "Status"];
    expect(targetsOf("tickets", headers)).toEqual({
      "Order ID": "orderRef",
      "Ticket ID": "ticketRef",
      "Order Date": "orderDate",
      Event: "showTitle",
      "Event Date": "performanceStart",
      Venue: "venue",
      "Price Type": "priceCategory",
      Price: "price",
      "Sales Channel": "salesChannel",
      "Buyer Email": "email",
      "First Name": "firstName",
      "Last Name": "lastName",
      "Zip Code": "postalCode",
      City: "city",
      Country: "country",
      Status: "status",
    });
  });

  it("maps performances and spectators files", () => {
    expect(targetsOf("performances", ["Code séance", "Spectacle", "Genre", "Compagnie", "Lieu", "Date", "Heure", "Heure fin", "Jauge", "Places bloquées", "État"])).toEqual({
      "Code séance": "reference",
      Spectacle: "showTitle",
      Genre: "genre",
      Compagnie: "producer",
      Lieu: "venue",
      Date: "start",
      Heure: "startTime",
      "Heure fin": "end",
      Jauge: "capacity",
      "Places bloquées": "blockedSeats",
      État: "status",
    });
    expect(targetsOf("spectators", ["N° client", "Courriel", "Portable", "Prénom", "Nom", "Adresse", "Code postal", "Ville", "Pays", "Année de naissance", "Langue", "Opt-in e-mail", "Opt-in SMS", "Optin publicité"])).toEqual({
      "N° client": "reference",
      Courriel: "email",
      Portable: "phone",
      Prénom: "firstName",
      Nom: "lastName",
      Adresse: "address",
      "Code postal": "postalCode",
      Ville: "city",
      Pays: "country",
      "Année de naissance": "birthYear",
      Langue: "language",
      "Opt-in e-mail": "consentEmail",
      "Opt-in SMS": "consentSms",
      "Optin publicité": "consentSocialAds",
    });
    expect(targetsOf("spectators", ["E-mail", "Consentement réseaux sociaux", "Advertising consent"])).toMatchObject({ "Consentement réseaux sociaux": "consentSocialAds" });
  });

  it("never maps two columns to one target silently: the loser is reported", () => {
    const { columns, mapping } = suggestMapping("tickets", ["E-mail acheteur", "E-mail bénéficiaire", "Prix"]);
    expect(mapping.columns).toMatchObject({ email: "E-mail acheteur", price: "Prix" });
    const loser = columns.find((c) => c.header === "E-mail bénéficiaire");
    expect(loser).toMatchObject({ target: null, conflict: { target: "email", takenBy: "E-mail acheteur" } });
  });

  it("gives lower confidence to partial matches and none to unrelated headers", () => {
    const { columns } = suggestMapping("tickets", ["Prix", "Prix payé par le client final", "Couleur préférée"]);
    expect(columns[0]).toMatchObject({ target: "price", confidence: 1 });
    expect(columns[1]?.target).toBeNull();
    expect(columns[1]?.conflict?.target).toBe("price");
    expect(columns[1]!.conflict!.confidence).toBeLessThan(1);
    expect(columns[2]).toMatchObject({ target: null, confidence: 0 });
    expect(columns[2]?.conflict).toBeUndefined();
  });
});

describe("ZColumnMapping", () => {
  it("accepts a preset and rejects unknown targets, wrong kinds and a column used twice", () => {
    const ok = { version: 1, kind: "tickets", columns: { orderRef: "N° commande", price: "Prix" }, defaults: { country: "FR", currency: "EUR" } };
    expect(ZColumnMapping.parse(ok)).toEqual(ok);
    expect(ZColumnMapping.safeParse({ ...ok, columns: { capacity: "Jauge" } }).success).toBe(false);
    expect(ZColumnMapping.safeParse({ ...ok, kind: "orders" }).success).toBe(false);
    expect(ZColumnMapping.safeParse({ ...ok, columns: { orderRef: "Ref", ticketRef: "Ref" } }).success).toBe(false);
    expect(ZColumnMapping.safeParse({ ...ok, defaults: { country: "France" } }).success).toBe(false);
    expect(ZColumnMapping.safeParse({ ...ok, extra: true }).success).toBe(false);
  });
});
