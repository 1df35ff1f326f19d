import { parseAmount } from "../fields/amounts";
import { parseCountry } from "../fields/countries";
import { parseBoolean } from "../fields/scalars";
import type { RowIssue } from "../messages";
import { checkEmail, dateTime, keep, looseText, postalCodeOf, present, text, type ResolvedOptions } from "./common";
import { parseSalesChannel, parseTicketStatus, type SalesChannel, type TicketStatus } from "./labels";
import { optional, remembered, required, rowSchema, runRowSchema, soft, type Cells, type RowResult } from "./row-schema";

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

function presence(cells: Cells): RowIssue[] {
  const issues: RowIssue[] = [];
  if (!present(cells.orderRef) && !present(cells.ticketRef)) issues.push({ code: "reference.missing", field: "orderRef" });
  if (!present(cells.performanceRef) && !(present(cells.showTitle) && present(cells.performanceStart) && present(cells.venue))) {
    issues.push({ code: "performance.missing", field: "performanceRef" });
  }
  return issues;
}

export function ticketValidator(o: ResolvedOptions) {
  const schema = rowSchema(
    {
      orderRef: optional(text),
      ticketRef: optional(text),
      orderDate: required(dateTime(o.zone, { recent: true })),
      performanceRef: optional(text),
      showTitle: optional(text),
      performanceStart: optional(dateTime(o.zone, { timeField: "performanceTime" })),
      venue: optional(text),
      priceCategory: optional(text),
      price: required(remembered((v) => parseAmount(v, { defaultCurrency: o.defaultCurrency }))),
      salesChannel: optional(remembered(parseSalesChannel)),
      email: soft(remembered(checkEmail, { recent: true }), true),
      phone: soft(looseText),
      firstName: soft(looseText),
      lastName: soft(looseText),
      postalCode: optional(keep),
      city: soft(looseText),
      country: soft(remembered(parseCountry)),
      complimentary: optional(remembered(parseBoolean)),
      status: optional(remembered(parseTicketStatus)),
    },
    { extraCells: ["performanceTime"], presence },
  );
  return (cells: Cells): RowResult<TicketRow> =>
    // Fields are listed rather than copied with `...rest`: V8's object rest with excluded keys is
    // a slow generic copy, and was a third of the validation time.
    runRowSchema(schema, cells, (v, warnings) => {
      const country = v.country ?? o.defaultCountry;
      return {
        orderRef: v.orderRef,
        ticketRef: v.ticketRef,
        orderDate: v.orderDate.at,
        performanceRef: v.performanceRef,
        showTitle: v.showTitle,
        performanceStart: v.performanceStart?.at ?? null,
        performanceHasTime: v.performanceStart?.hasTime ?? false,
        venue: v.venue,
        priceCategory: v.priceCategory,
        priceCents: v.price.cents,
        currency: v.price.currency,
        salesChannel: v.salesChannel,
        email: v.email,
        phone: v.phone,
        firstName: v.firstName,
        lastName: v.lastName,
        postalCode: postalCodeOf(v.postalCode, country, warnings),
        city: v.city,
        country,
        complimentary: v.complimentary ?? false,
        status: v.status ?? "confirmed",
      };
    });
}
