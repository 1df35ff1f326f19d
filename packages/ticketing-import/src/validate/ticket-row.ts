import { z } from "zod";
import { parseAmount } from "../fields/amounts";
import { parseCountry } from "../fields/countries";
import { parseBoolean, parseText } from "../fields/scalars";
import type { RowIssue } from "../messages";
import { collectIssues, optionalCell, rawCell, requiredCell, softCell, unwrapSoft } from "./cells";
import { checkEmail, dateTimeCell, postalCodeOf, present, text, type ResolvedOptions, type RowResult } from "./common";
import { parseSalesChannel, parseTicketStatus, type SalesChannel, type TicketStatus } from "./labels";

/** One ticket (or order line) as the import pipeline receives it. */
export interface TicketRow {
  orderRef: string | null;
  ticketRef: string | null;
  orderDate: Date;
  performanceRef: string | null;
  showTitle: string | null;
  /** Null when the performance is given by reference only. */
  performanceStart: Date | null;
  /** False when the file gave only a day: match the performance by date, not time. */
  performanceHasTime: boolean;
  venue: string | null;
  priceCategory: string | null;
  priceCents: number;
  currency: string;
  salesChannel: SalesChannel | null;
  email: string | null;
  phone: string | null;
  firstName: string | null;
  lastName: string | null;
  postalCode: string | null;
  city: string | null;
  /** ISO 3166-1 alpha-2. */
  country: string | null;
  complimentary: boolean;
  status: TicketStatus;
}

export function ticketSchema(o: ResolvedOptions) {
  return z.object({
    orderRef: optionalCell(text),
    ticketRef: optionalCell(text),
    orderDate: dateTimeCell(o.zone, true),
    performanceRef: optionalCell(text),
    showTitle: optionalCell(text),
    performanceStart: dateTimeCell(o.zone, false),
    venue: optionalCell(text),
    priceCategory: optionalCell(text),
    price: requiredCell((v) => parseAmount(v, { defaultCurrency: o.defaultCurrency })),
    salesChannel: optionalCell(parseSalesChannel),
    email: softCell(checkEmail, true),
    phone: softCell(parseText),
    firstName: softCell(parseText),
    lastName: softCell(parseText),
    postalCode: rawCell(),
    city: softCell(parseText),
    country: softCell(parseCountry),
    complimentary: optionalCell(parseBoolean),
    status: optionalCell(parseTicketStatus),
  });
}

export function validateTicket(schema: ReturnType<typeof ticketSchema>, row: Record<string, string | undefined>, o: ResolvedOptions): RowResult<TicketRow> {
  const input = {
    ...row,
    orderDate: { date: row.orderDate },
    performanceStart: { date: row.performanceStart, time: row.performanceTime },
  };
  const issues: RowIssue[] = [];
  // Rules on presence alone are checked even when a cell is unreadable, so a person sees
  // every reason at once.
  if (!present(row.orderRef) && !present(row.ticketRef)) issues.push({ code: "reference.missing", field: "orderRef" });
  if (!present(row.performanceRef) && !(present(row.showTitle) && present(row.performanceStart) && present(row.venue))) {
    issues.push({ code: "performance.missing", field: "performanceRef" });
  }
  const parsed = schema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: [...collectIssues(parsed.error), ...issues] };
  if (issues.length > 0) return { ok: false, issues };

  const warnings: RowIssue[] = [];
  const { price, performanceStart, orderDate, postalCode, complimentary, status, ...rest } = unwrapSoft(parsed.data, warnings);
  const country = rest.country ?? o.defaultCountry;
  return {
    ok: true,
    warnings,
    row: {
      ...rest,
      orderDate: orderDate.at,
      performanceStart: performanceStart?.at ?? null,
      performanceHasTime: performanceStart?.hasTime ?? false,
      priceCents: price.cents,
      currency: price.currency,
      postalCode: postalCodeOf(postalCode ?? undefined, country, warnings),
      country,
      complimentary: complimentary ?? false,
      status: status ?? "confirmed",
    },
  };
}
