import { describe, expect, it } from "vitest";
import { suggestMapping } from "@rappel/ticketing-import";
import { alternativeRequirements, describeGap, mappingFromForm, requiredTargets, targetRows } from "./mapping-form";

const HEADERS = ["N° commande", "Date de commande", "Spectacle", "Date de la représentation", "Salle", "Prix TTC", "Ville du spectateur"];

describe("requiredTargets", () => {
  it("marks the fields without which every row is refused", () => {
    expect([...requiredTargets("tickets")].sort()).toEqual(["orderDate", "price"]);
    expect([...requiredTargets("performances")].sort()).toEqual(["reference", "showTitle", "start"]);
    // Spectators need one of reference, e-mail or phone: none of them alone is required.
    expect([...requiredTargets("spectators")]).toEqual([]);
  });
});

describe("alternativeRequirements and describeGap", () => {
  it("spells out one-of requirements in the reader's language", () => {
    expect(alternativeRequirements("tickets", "fr")).toEqual([
      "« référence de commande » ou « référence de billet »",
      "« référence de la représentation » ou « titre du spectacle » + « date de la représentation » + « lieu »",
    ]);
    expect(alternativeRequirements("spectators", "en")).toEqual(["“reference” or “e-mail” or “phone”"]);
    expect(describeGap("missing column for price", "tickets", "fr")).toBe("« prix »");
    expect(describeGap("something else", "tickets", "fr")).toBe("something else");
  });
});

describe("targetRows", () => {
  it("pre-selects the suggestions with their confidence, capitalised labels and required marks", () => {
    const rows = targetRows("tickets", "fr", suggestMapping("tickets", HEADERS), null);
    const byTarget = new Map(rows.map((r) => [r.target, r]));
    expect(byTarget.get("orderDate")).toMatchObject({ label: "Date de commande", required: true, selected: "Date de commande", origin: "suggestion", confidence: 1 });
    expect(byTarget.get("city")).toMatchObject({ selected: "Ville du spectateur", origin: "suggestion" });
    expect(byTarget.get("city")!.confidence).toBeCloseTo(0.68, 2);
    expect(byTarget.get("phone")).toMatchObject({ selected: "", origin: null, confidence: null, required: false });
  });

  it("uses a matching preset instead of the suggestions", () => {
    const preset = { version: 1 as const, kind: "tickets" as const, columns: { orderRef: "N° commande", price: "Prix TTC" } };
    const rows = targetRows("tickets", "en", suggestMapping("tickets", HEADERS), preset);
    const byTarget = new Map(rows.map((r) => [r.target, r]));
    expect(byTarget.get("orderRef")).toMatchObject({ label: "Order reference", selected: "N° commande", origin: "preset" });
    expect(byTarget.get("orderDate")).toMatchObject({ selected: "", origin: null });
  });
});

describe("mappingFromForm", () => {
  const complete: [string, string][] = [
    ["col.orderRef", "N° commande"],
    ["col.orderDate", "Date de commande"],
    ["col.showTitle", "Spectacle"],
    ["col.performanceStart", "Date de la représentation"],
    ["col.venue", "Salle"],
    ["col.price", "Prix TTC"],
    ["col.phone", ""],
    ["tenantSlug", "x"],
  ];

  it("builds a valid mapping from the form's selects", () => {
    const result = mappingFromForm("tickets", HEADERS, complete);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.mapping.columns).toEqual({ orderRef: "N° commande", orderDate: "Date de commande", showTitle: "Spectacle", performanceStart: "Date de la représentation", venue: "Salle", price: "Prix TTC" });
  });

  it("reports gaps, a column chosen twice and a column the file does not have", () => {
    const form: [string, string][] = [
      ["col.orderRef", "N° commande"],
      ["col.orderDate", "Prix TTC"],
      ["col.price", "Prix TTC"],
      ["col.venue", "Lieu inventé"],
      ["col.notATarget", "Salle"],
    ];
    const result = mappingFromForm("tickets", HEADERS, form);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.duplicates).toEqual([{ header: "Prix TTC", targets: ["orderDate", "price"] }]);
    expect(result.unknownHeaders).toEqual(["Lieu inventé"]);
    expect(result.gaps).toEqual(["missing column for performanceRef|showTitle+performanceStart+venue"]);
  });
});
