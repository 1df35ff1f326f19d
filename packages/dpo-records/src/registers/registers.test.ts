import { describe, expect, it } from "vitest";
import { diffDocuments } from "./diff";
import { readEntryForm } from "./form";
import { detectApps, generateProcessorRecord, mergeRegenerated, type TenantConfiguration } from "./generate-processor-record";
import { CONTROLLER_FIELDS, PROCESSOR_FIELDS, ZControllerActivity, ZProcessorRecord } from "./schemas";
import { DEFAULT_CONTROLLER_ACTIVITIES } from "./controller-defaults";
import { VENDOR_PROFILE_SEED as vendor, ZVendorProfile } from "../vendor/vendor-profile";

const config = (over: Partial<TenantConfiguration["usage"]> = {}, subs: TenantConfiguration["subprocessors"] = []): TenantConfiguration => ({
  tenant: { name: "Théâtre de la Lumière", slug: "lumiere", kind: "theatre" },
  owners: [{ name: "Claire Direction", email: "direction@rappel.demo" }],
  usage: { tickets: 0, imports: 0, spectators: 0, marketingConsents: 0, surveys: 0, campaigns: 0, ...over },
  subprocessors: subs,
});

describe("vendor profile", () => {
  it("accepts a 9-digit SIREN (spaces ignored) or none, and refuses anything else", () => {
    expect(ZVendorProfile.parse({ ...vendor, siren: "123 456 789" }).siren).toBe("123456789");
    expect(ZVendorProfile.safeParse({ ...vendor, siren: "" }).success).toBe(true);
    expect(ZVendorProfile.safeParse({ ...vendor, siren: "12345678" }).success).toBe(false);
    expect(ZVendorProfile.safeParse({ ...vendor, legalName: " " }).success).toBe(false);
  });
});

describe("processor register generation", () => {
  it("derives the apps from the data the tenant has", () => {
    expect(detectApps(config().usage)).toEqual([]);
    expect(detectApps(config({ imports: 1 }).usage)).toEqual(["ignition"]);
    expect(detectApps(config({ tickets: 5, marketingConsents: 2 }).usage)).toEqual(["ignition", "activation"]);
    expect(detectApps(config({ surveys: 1, campaigns: 1 }).usage)).toEqual(["satisfaction", "activation"]);
  });

  it("fills the Art. 30(2) fields from the configuration and validates", () => {
    const record = generateProcessorRecord(
      config({ tickets: 10 }, [
        { name: "Hébergeur FR", service: "hébergement", location: "FR", transferSafeguards: "", dataCategories: [] },
        { name: "Mailer US", service: "e-mail", location: "US", transferSafeguards: "Clauses contractuelles types 2021", dataCategories: [] },
      ]),
      { ...vendor, siren: "123456789" },
    );
    expect(record.processor).toBe("Rappel SAS (SIREN 123 456 789), 12 rue des Lumières, 69002 Lyon, France");
    expect(record.processorDpo).toBe(vendor.dpoContact);
    expect(record.hosting).toBe(vendor.hosting);
    expect(ZProcessorRecord.parse(record)).toEqual(record);
    expect(record.controller).toContain("Théâtre de la Lumière");
    expect(record.controller).toContain("direction@rappel.demo");
    expect(record.processingCategories).toHaveLength(1);
    expect(record.processingCategories[0]).toMatch(/^Ignition/);
    expect(record.subprocessors).toEqual(["Hébergeur FR — hébergement (FR)", "Mailer US — e-mail (US)"]);
    // Only the sub-processor outside the EEA is a transfer.
    expect(record.transfers).toEqual([{ country: "US", recipient: "Mailer US", safeguard: "Clauses contractuelles types 2021" }]);
  });

  it("a regeneration refreshes generated fields and keeps hand-edited ones", () => {
    const first = generateProcessorRecord(config({ tickets: 1 }), vendor);
    const edited = { ...first, controllerDpo: "Me Dupont, dpo@lumiere.fr", purposeMain: "Texte du DPO" };
    const regenerated = generateProcessorRecord(config({ tickets: 1, marketingConsents: 3 }), vendor);
    const merged = mergeRegenerated(regenerated, edited, ["controllerDpo", "purposeMain"]);
    expect(merged.controllerDpo).toBe("Me Dupont, dpo@lumiere.fr");
    expect(merged.purposeMain).toBe("Texte du DPO");
    expect(merged.processingCategories).toHaveLength(2);
    expect(mergeRegenerated(regenerated, edited, []).purposeMain).not.toBe("Texte du DPO");
  });
});

describe("controller register defaults", () => {
  it("are valid Art. 30(1) entries with unique references", () => {
    for (const a of DEFAULT_CONTROLLER_ACTIVITIES) expect(ZControllerActivity.safeParse(a).success).toBe(true);
    const refs = DEFAULT_CONTROLLER_ACTIVITIES.map((a) => a.reference);
    expect(new Set(refs).size).toBe(refs.length);
    expect(DEFAULT_CONTROLLER_ACTIVITIES.map((a) => a.name)).toEqual(expect.arrayContaining(["Gestion du personnel", "Prospection commerciale", "Lettre d'information"]));
  });
});

describe("register form", () => {
  it("reads lists, checkboxes and pipe-separated rows", () => {
    const content = readEntryForm(CONTROLLER_FIELDS, {
      ...Object.fromEntries(CONTROLLER_FIELDS.map((f) => [f.key, ""])),
      name: "  Billetterie  ",
      reference: "RT-09",
      dataSubjects: "Clients\n\n Prospects ",
      sensitiveData: ["health"],
      securityMeasures: "encryption",
      retention: "Clients | 3 ans\nLogs|1 an",
      transfers: "US | Mailer | CCT | annexe 2",
    });
    expect(content.name).toBe("Billetterie");
    expect(content.dataSubjects).toEqual(["Clients", "Prospects"]);
    expect(content.sensitiveData).toEqual(["health"]);
    expect(content.securityMeasures).toEqual(["encryption"]);
    expect(content.retention).toEqual([{ category: "Clients", period: "3 ans" }, { category: "Logs", period: "1 an" }]);
    expect(content.transfers).toEqual([{ country: "US", recipient: "Mailer", safeguard: "CCT | annexe 2" }]);
    expect(ZControllerActivity.safeParse(content).success).toBe(true);
  });

  it("keeps checklist answers in the checklist's order, so ticking order is not a change", () => {
    const [a] = DEFAULT_CONTROLLER_ACTIVITIES;
    const parsed = ZControllerActivity.parse({ ...a, sensitiveData: ["nir", "health", "nir"], securityMeasures: ["encryption", "user_access_control"] });
    expect(parsed.sensitiveData).toEqual(["health", "nir"]);
    expect(parsed.securityMeasures).toEqual(["user_access_control", "encryption"]);
    expect(diffDocuments(a as unknown as Record<string, unknown>, ZControllerActivity.parse(a) as unknown as Record<string, unknown>)).toEqual([]);
  });

  it("rejects an unknown checklist value", () => {
    const content = readEntryForm(PROCESSOR_FIELDS, { name: "x", securityMeasures: ["firewall-magic"] });
    expect(ZProcessorRecord.safeParse(content).success).toBe(false);
  });
});

describe("document diff", () => {
  it("lists changed fields only, ignoring key order", () => {
    expect(diffDocuments({ a: 1, b: { x: 1, y: 2 } }, { b: { y: 2, x: 1 }, a: 1 })).toEqual([]);
    expect(diffDocuments({ a: 1, b: ["x"] }, { a: 1, b: ["x", "y"], c: "new" })).toEqual([
      { field: "b", before: ["x"], after: ["x", "y"] },
      { field: "c", before: null, after: "new" },
    ]);
  });
});
