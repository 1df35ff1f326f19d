// Prices as French and English exports write them: "12,50", "1 234,50 €", "1.234,50", "€12.50",
// "12.50", "-3,00", "EUR 40". Amounts become integer cents so sums are exact.
import { fail, ok, type FieldResult } from "./result";

export interface Money {
  /** Integer number of cents (minor units). */
  cents: number;
  /** ISO 4217 code; the default currency when the cell names none. */
  currency: string;
}

const CURRENCIES: ReadonlyArray<[RegExp, string]> = [
  [/€|\beuros?\b|\beur\b/i, "EUR"],
  [/£|\bgbp\b/i, "GBP"],
  [/\bchf\b/i, "CHF"],
  [/\$|\busd\b/i, "USD"],
];

// Space, no-break space (U+00A0), narrow no-break space (U+202F, what French locales emit with
// Intl.NumberFormat), thin space, and the apostrophe Swiss exports use as thousands separator.
const GROUP_SPACES = /[\s\u00a0\u202f\u2009']/g;

/** Parses an amount into cents and currency; see the module comment for accepted shapes. */
export function parseAmount(input: string, options: { defaultCurrency?: string } = {}): FieldResult<Money> {
  let text = input.trim();
  let currency = options.defaultCurrency ?? "EUR";
  for (const [pattern, code] of CURRENCIES) {
    if (pattern.test(text)) {
      currency = code;
      text = text.replace(pattern, "");
      break;
    }
  }
  text = text.replace(GROUP_SPACES, "");
  let negative = false;
  const paren = /^\((.*)\)$/.exec(text);
  if (paren) {
    negative = true;
    text = paren[1]!;
  }
  const sign = /^[-−+]/.exec(text) ?? /[-−]$/.exec(text);
  if (sign) {
    negative = negative || sign[0] !== "+";
    text = sign.index === 0 ? text.slice(1) : text.slice(0, -1);
  }
  if (!/^[\d.,]+$/.test(text) || !/\d/.test(text)) return fail("amount.invalid");

  const split = splitDecimal(text);
  if (!split.ok) return split;
  const { integer, fraction } = split.value;
  if (fraction.length > 2) return fail("amount.too_many_decimals");
  const cents = Number(integer + fraction.padEnd(2, "0"));
  if (!Number.isSafeInteger(cents)) return fail("amount.invalid");
  return ok({ cents: negative && cents !== 0 ? -cents : cents, currency });
}

function splitDecimal(text: string): FieldResult<{ integer: string; fraction: string }> {
  const lastComma = text.lastIndexOf(",");
  const lastDot = text.lastIndexOf(".");
  if (lastComma === -1 && lastDot === -1) return ok({ integer: text, fraction: "" });
  if (lastComma !== -1 && lastDot !== -1) {
    // Both present: the last one is the decimal separator ("1.234,50", "1,234.50").
    const decimalAt = Math.max(lastComma, lastDot);
    const group = decimalAt === lastComma ? "." : ",";
    return groupedInteger(text.slice(0, decimalAt), group, text.slice(decimalAt + 1));
  }
  const separator = lastComma !== -1 ? "," : ".";
  const parts = text.split(separator);
  // Repeated: thousands separators ("1.234.567").
  if (parts.length > 2) return groupedInteger(text, separator, "");
  const [head, tail] = parts as [string, string];
  if (tail.length === 3 && head.length >= 1 && head.length <= 3 && head !== "0") {
    // "1.234" or "1,234": thousands in one convention, three decimals in the other. No ticket is
    // priced in tenths of cents, but guessing wrong is off by 1000: ask a person instead.
    return fail("amount.ambiguous");
  }
  return ok({ integer: head === "" ? "0" : head, fraction: tail });
}

function groupedInteger(integer: string, group: string, fraction: string): FieldResult<{ integer: string; fraction: string }> {
  const groups = integer.split(group);
  const wellGrouped = groups.every((g, i) => (i === 0 ? /^\d{1,3}$/.test(g) : /^\d{3}$/.test(g)));
  if (!wellGrouped || /[.,]/.test(fraction)) return fail("amount.invalid");
  return ok({ integer: groups.join(""), fraction });
}
