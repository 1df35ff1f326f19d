import { DateTime } from "luxon";
import { parseDateTime, parseTimeOfDay } from "../fields/dates";
import { parseInteger } from "../fields/scalars";
import { dateTime, keep, looseText, text, type ResolvedOptions } from "./common";
import { parsePerformanceStatus, type PerformanceStatus } from "./labels";
import { optional, required, rowSchema, runRowSchema, type Cells, type RowResult } from "./row-schema";

/** One performance (séance) of a show. */
export interface PerformanceRow {
  reference: string;
  showTitle: string;
  /** As written in the file; mapping to the genre taxonomy happens later (catalogue). */
  genre: string | null;
  producer: string | null;
  venue: string | null;
  start: Date;
  startHasTime: boolean;
  end: Date | null;
  capacity: number | null;
  blockedSeats: number | null;
  status: PerformanceStatus;
}

const seats = (v: string) => parseInteger(v, { min: 0, max: 1_000_000 });

export function performanceValidator(o: ResolvedOptions) {
  // The end is often just a time ("22h30"): it is then on the start's day, in the same zone.
  const endOf = (endText: string, start: Date): Date | null => {
    const asDate = parseDateTime(endText, { zone: o.zone });
    if (asDate.ok) return asDate.value.at;
    const asTime = parseTimeOfDay(endText);
    return asTime.ok ? DateTime.fromJSDate(start, { zone: o.zone }).set(asTime.value).toJSDate() : null;
  };
  const schema = rowSchema(
    {
      reference: required(text),
      showTitle: required(text),
      genre: optional(looseText),
      producer: optional(looseText),
      venue: optional(looseText),
      start: required(dateTime(o.zone, { timeField: "startTime" })),
      end: optional(keep),
      capacity: optional(seats),
      blockedSeats: optional(seats),
      status: optional(parsePerformanceStatus),
    },
    {
      extraCells: ["startTime"],
      rules: (v, cells, report) => {
        if (v.end !== null) {
          const end = endOf(v.end, v.start.at);
          if (end === null) report({ code: "date.invalid", field: "end", value: v.end });
          else if (end.getTime() <= v.start.at.getTime()) report({ code: "end.before_start", field: "end", value: v.end });
        }
        if (v.capacity !== null && v.blockedSeats !== null && v.blockedSeats > v.capacity) {
          report({ code: "blocked_seats.over_capacity", field: "blockedSeats", value: cells.blockedSeats ?? "" });
        }
      },
    },
  );
  return (cells: Cells): RowResult<PerformanceRow> =>
    runRowSchema(schema, cells, (v) => ({
      reference: v.reference,
      showTitle: v.showTitle,
      genre: v.genre,
      producer: v.producer,
      venue: v.venue,
      start: v.start.at,
      startHasTime: v.start.hasTime,
      end: v.end === null ? null : endOf(v.end, v.start.at),
      capacity: v.capacity,
      blockedSeats: v.blockedSeats,
      status: v.status ?? "scheduled",
    }));
}
