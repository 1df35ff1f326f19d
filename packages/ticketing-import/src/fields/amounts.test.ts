import { describe, expect, it } from "vitest";
import { parseAmount } from "./amounts";

const cents = (input: string) => {
  const r = parseAmount(input);
  return r.ok ? r.value.cents : r.code;
};

describe("parseAmount", () => {
  it("reads decimal commas and points", () => {
    expect(cents("12,50")).toBe(1250);
    expect(cents("12.50")).toBe(1250);
    expect(cents("12,5")).toBe(1250);
    expect(cents("12")).toBe(1200);
    expect(cents("0,99")).toBe(99);
    expect(cents(",50")).toBe(50);
    expect(cents("0")).toBe(0);
  });

  it("reads thousands separators: space, no-break space, narrow no-break space, dot, comma", () => {
    expect(cents("1 234,50")).toBe(123450);
    expect(cents("1\u00a0234,50")).toBe(123450);
    expect(cents("1\u202f234,50")).toBe(123450);
    expect(cents("1.234,50")).toBe(123450);
    expect(cents("1,234.50")).toBe(123450);
    expect(cents("1.234.567,00")).toBe(123456700);
    expect(cents("1 234 567")).toBe(123456700);
    // What Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR" }) produces.
    expect(cents(new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR" }).format(1234.5))).toBe(123450);
  });

  it("reads € as prefix or suffix and other currencies", () => {
    expect(parseAmount("€12.50")).toEqual({ ok: true, value: { cents: 1250, currency: "EUR" } });
    expect(parseAmount("12,50 €")).toEqual({ ok: true, value: { cents: 1250, currency: "EUR" } });
    expect(parseAmount("1 234,50€")).toEqual({ ok: true, value: { cents: 123450, currency: "EUR" } });
    expect(parseAmount("EUR 40")).toEqual({ ok: true, value: { cents: 4000, currency: "EUR" } });
    expect(parseAmount("40 euros")).toEqual({ ok: true, value: { cents: 4000, currency: "EUR" } });
    expect(parseAmount("£8.00")).toEqual({ ok: true, value: { cents: 800, currency: "GBP" } });
    expect(parseAmount("CHF 25.00")).toEqual({ ok: true, value: { cents: 2500, currency: "CHF" } });
    expect(parseAmount("12,50", { defaultCurrency: "USD" })).toEqual({ ok: true, value: { cents: 1250, currency: "USD" } });
  });

  it("reads negative amounts (refunds)", () => {
    expect(cents("-12,50")).toBe(-1250);
    expect(cents("-12,50 €")).toBe(-1250);
    expect(cents("€-12.50")).toBe(-1250);
    expect(cents("−12,50")).toBe(-1250); // U+2212 minus sign
    expect(cents("12,50-")).toBe(-1250);
    expect(cents("(12,50)")).toBe(-1250);
    expect(cents("-0,00")).toBe(0);
  });

  it("refuses what it cannot read without guessing", () => {
    expect(cents("1.234")).toBe("amount.ambiguous");
    expect(cents("1,234")).toBe("amount.ambiguous");
    expect(cents("12,345")).toBe("amount.ambiguous");
    expect(cents("0,125")).toBe("amount.too_many_decimals");
    expect(cents("1234,567")).toBe("amount.too_many_decimals");
    expect(cents("1.23.45")).toBe("amount.invalid");
    expect(cents("12,50,00")).toBe("amount.invalid");
    expect(cents("gratuit")).toBe("amount.invalid");
    expect(cents("€")).toBe("amount.invalid");
    expect(cents("")).toBe("amount.invalid");
    expect(cents("12 ,50 abc")).toBe("amount.invalid");
  });
});
