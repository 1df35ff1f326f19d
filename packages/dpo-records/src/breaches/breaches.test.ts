import { describe, expect, it } from "vitest";
import { CLIENT_TARGET_MS, computeClientClocks, computeCnilClock, listBreachWarnings } from "./clocks";
import { VENDOR_PROFILE_SEED } from "../vendor/vendor-profile";
import { draftClientNotification, draftCnilNotification, draftLocaleOf } from "./drafts";
import { ZBreach, emptyBreach, type TBreach } from "./schemas";

const aware = new Date("2026-11-20T09:00:00Z");
const h = (n: number) => new Date(aware.getTime() + n * 3_600_000);
const base = (over: Partial<TBreach> = {}): TBreach => ({
  ...emptyBreach(aware),
  title: "Export envoyé au mauvais destinataire",
  natures: ["confidentiality"],
  controllerActivities: ["RT-03"],
  ...over,
});

describe("CNIL clock (controller, 72 h)", () => {
  it("runs, becomes due soon in the last 12 hours, then overdue exactly after 72 h", () => {
    expect(computeCnilClock(base(), h(1))).toMatchObject({ status: "running", remainingMs: 71 * 3_600_000 });
    expect(computeCnilClock(base(), h(60)).status).toBe("due_soon");
    expect(computeCnilClock(base(), h(72)).status).toBe("due_soon"); // the 72nd hour is still in time
    expect(computeCnilClock(base(), new Date(h(72).getTime() + 1))).toMatchObject({ status: "overdue", missingLateReason: true });
    expect(computeCnilClock(base(), h(72)).deadline).toEqual(h(72));
  });

  it("stops at the first notification, even when more information follows in phases", () => {
    const b = base({ cnilNotifications: [{ at: h(80).toISOString(), phase: "complementary", summary: "" }, { at: h(30).toISOString(), phase: "initial", summary: "" }] });
    expect(computeCnilClock(b, h(100))).toMatchObject({ status: "notified", firstNotifiedAt: h(30), missingLateReason: false });
  });

  it("a late notification needs the reasons for the delay", () => {
    const late = base({ cnilNotifications: [{ at: h(90).toISOString(), phase: "initial", summary: "" }] });
    expect(computeCnilClock(late, h(100))).toMatchObject({ status: "notified_late", missingLateReason: true });
    expect(computeCnilClock({ ...late, lateReason: "Périmètre établi au 4e jour" }, h(100)).missingLateReason).toBe(false);
    expect(listBreachWarnings(late, h(100))).toContain("late_reason_missing");
  });

  it("does not apply when only clients' data is involved, nor after a reasoned decision not to notify", () => {
    expect(computeCnilClock(base({ controllerActivities: [] }), h(200)).status).toBe("not_applicable");
    expect(computeCnilClock(base({ cnilDecision: "not_notify", cnilDecisionReason: "Données chiffrées, clé non compromise" }), h(200)).status).toBe("not_required");
  });
});

describe("client clocks (processor, without undue delay)", () => {
  const tenants = [
    { tenantId: "00000000-0000-4000-8000-000000000001", tenantName: "A", records: 10, notifiedAt: h(2).toISOString() },
    { tenantId: "00000000-0000-4000-8000-000000000002", tenantName: "B", records: 5, notifiedAt: null },
    { tenantId: "00000000-0000-4000-8000-000000000003", tenantName: "C", records: 1, notifiedAt: h(30).toISOString() },
  ];
  it("gives each affected client its own clock against the 24 h target", () => {
    expect(computeClientClocks({ awareAt: aware.toISOString(), affectedTenants: tenants }, h(10)).map((c) => c.status)).toEqual(["notified", "to_notify", "notified_late"]);
    const later = computeClientClocks({ awareAt: aware.toISOString(), affectedTenants: tenants }, new Date(aware.getTime() + CLIENT_TARGET_MS + 1));
    expect(later[1]!.status).toBe("late");
    expect(later[0]!.elapsedMs).toBe(2 * 3_600_000);
  });
});

describe("breach record", () => {
  it("keeps the reason when deciding not to notify", () => {
    expect(ZBreach.safeParse(base({ cnilDecision: "not_notify" })).success).toBe(false);
    expect(ZBreach.safeParse(base({ cnilDecision: "not_notify", cnilDecisionReason: "Risque improbable" })).success).toBe(true);
    expect(ZBreach.safeParse(base({ natures: [] })).success).toBe(false);
    expect(ZBreach.safeParse(base({ occurredAt: h(1).toISOString() })).success).toBe(false);
  });

  it("generates drafts from the record", () => {
    const b = base({ approxPersons: 1200, dataCategories: ["Adresse e-mail"], measuresTaken: "Lien révoqué" });
    const tenant = { tenantId: "00000000-0000-4000-8000-000000000001", tenantName: "Théâtre de la Lumière", records: 3400, notifiedAt: null };
    const vendor = { ...VENDOR_PROFILE_SEED, siren: "123456789", representative: "Jeanne Martin, présidente" };
    const client = draftClientNotification(b, tenant, vendor);
    expect(client.locale).toBe("fr");
    expect(client.subject).toContain("Théâtre de la Lumière");
    expect(client.body).toContain("sous-traitant");
    expect(client.body).toContain("Lien révoqué");
    expect(client.body).toMatch(/3\s400/);
    expect(client.body).toContain("Rappel SAS (SIREN 123 456 789), 12 rue des Lumières");
    const cnil = draftCnilNotification(b, vendor);
    expect(cnil.locale).toBe("fr");
    expect(cnil.body).toContain("Responsable de traitement : Rappel SAS (SIREN 123 456 789)");
    expect(cnil.body).toContain("Représentant légal : Jeanne Martin, présidente");
    expect(cnil.subject).toMatch(/^Notification initiale/);
    expect(cnil.body).toMatch(/environ 1\s200 personnes/);
    expect(cnil.body).toContain("RT-03");
    const next = draftCnilNotification({ ...b, cnilNotifications: [{ at: h(5).toISOString(), phase: "initial", summary: "" }], lateReason: "x" }, vendor);
    expect(next.subject).toMatch(/complémentaire/);
  });

  it("writes the client's draft in English for an English-speaking tenant, with no French left", () => {
    const b = base({ approxPersons: null, dataCategories: [], measuresTaken: "Link revoked", occurredAt: h(-2).toISOString() });
    const tenant = { tenantId: "00000000-0000-4000-8000-000000000002", tenantName: "Summer Nights Festival", records: 3400, notifiedAt: null };
    expect(draftLocaleOf("en")).toBe("en");
    expect(draftLocaleOf("en-GB")).toBe("en");
    expect(draftLocaleOf("fr")).toBe("fr");
    expect(draftLocaleOf(null)).toBe("fr");
    const draft = draftClientNotification(b, tenant, VENDOR_PROFILE_SEED, draftLocaleOf("en"));
    expect(draft.locale).toBe("en");
    expect(draft.subject).toBe("[Data breach] Export envoyé au mauvais destinataire — information for Summer Nights Festival");
    expect(draft.body).toMatch(/^Dear Sir or Madam,/);
    expect(draft.body).toContain("As your processor");
    expect(draft.body).toContain("Records concerned for your organisation: about 3,400");
    expect(draft.body).toContain("Nature of the breach: confidentiality breach");
    expect(draft.body).toContain("number of people being assessed");
    expect(draft.body).toContain("Data concerned: being assessed");
    expect(draft.body).toContain("Measures taken: Link revoked");
    expect(draft.body).toMatch(/20 November 2026 at 10:00 \(Paris time\)/);
    // No French sentence or label slipped into the English draft.
    for (const french of ["Madame", "sous-traitant", "Données", "en cours", "environ", "Date et heure", " : "]) expect(draft.body).not.toContain(french);
  });
});
