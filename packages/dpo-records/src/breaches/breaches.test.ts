import { describe, expect, it } from "vitest";
import { CLIENT_TARGET_MS, computeClientClocks, computeCnilClock, listBreachWarnings } from "./clocks";
import { draftClientNotification, draftCnilNotification } from "./drafts";
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
    const client = draftClientNotification(b, { tenantId: "00000000-0000-4000-8000-000000000001", tenantName: "Théâtre de la Lumière", records: 3400, notifiedAt: null });
    expect(client.subject).toContain("Théâtre de la Lumière");
    expect(client.body).toContain("sous-traitant");
    expect(client.body).toContain("Lien révoqué");
    expect(client.body).toMatch(/3\s400/);
    const cnil = draftCnilNotification(b);
    expect(cnil.subject).toMatch(/^Notification initiale/);
    expect(cnil.body).toMatch(/environ 1\s200 personnes/);
    expect(cnil.body).toContain("RT-03");
    const next = draftCnilNotification({ ...b, cnilNotifications: [{ at: h(5).toISOString(), phase: "initial", summary: "" }], lateReason: "x" });
    expect(next.subject).toMatch(/complémentaire/);
  });
});
