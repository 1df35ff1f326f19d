import { describe, expect, it } from "vitest";
import { parsePerformanceStatus, parseSalesChannel, parseTicketStatus, SALES_CHANNELS } from "./labels";

const channel = (label: string) => {
  const r = parseSalesChannel(label);
  return r.ok ? r.value : r.code;
};

describe("sales channels", () => {
  it("normalises common French and English labels", () => {
    expect(channel("Guichet")).toBe("box_office");
    expect(channel("BILLETTERIE")).toBe("box_office");
    expect(channel("Internet")).toBe("web");
    expect(channel("web")).toBe("web");
    expect(channel("Vente en ligne")).toBe("web");
    expect(channel("Téléphone")).toBe("phone");
    expect(channel("tel.")).toBe("phone");
    expect(channel("Revendeur")).toBe("reseller");
    expect(channel("Fnac")).toBe("reseller");
    expect(channel("FNAC Spectacles")).toBe("reseller");
    expect(channel("Ticketmaster France")).toBe("reseller");
    expect(channel("CE")).toBe("partner");
    expect(channel("Partenaire")).toBe("partner");
    expect(channel("box_office")).toBe("box_office");
  });

  it("rejects unknown channels with the allowed list", () => {
    expect(parseSalesChannel("Minitel")).toEqual({ ok: false, code: "enum.unknown", allowed: SALES_CHANNELS });
    // A brand must be a whole word: "cedric" is not "CE".
    expect(channel("cedric")).toBe("enum.unknown");
  });
});

describe("statuses", () => {
  it("normalises ticket and performance statuses", () => {
    expect(parseTicketStatus("Payé")).toEqual({ ok: true, value: "confirmed" });
    expect(parseTicketStatus("Annulé")).toEqual({ ok: true, value: "cancelled" });
    expect(parseTicketStatus("Remboursé")).toEqual({ ok: true, value: "refunded" });
    for (const unpaid of ["Réservé", "En attente", "En attente de paiement", "Option", "Non payée", "À payer", "Pré-réservation", "Unpaid", "On hold", "Awaiting payment"]) {
      expect(parseTicketStatus(unpaid), unpaid).toEqual({ ok: true, value: "pending" });
    }
    expect(parseTicketStatus("Perdu").ok).toBe(false);
    expect(parsePerformanceStatus("Complet")).toEqual({ ok: true, value: "sold_out" });
    expect(parsePerformanceStatus("Reportée")).toEqual({ ok: true, value: "postponed" });
    expect(parsePerformanceStatus("En vente")).toEqual({ ok: true, value: "scheduled" });
  });
});
