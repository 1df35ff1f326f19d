import { DateTime } from "luxon";
import { z } from "zod";
import { parseDateTime, parseTimeOfDay } from "../fields/dates";
import { parseInteger, parseText } from "../fields/scalars";
import type { RowIssue } from "../messages";
import { collectIssues, optionalCell, rawCell, requiredCell } from "./cells";
import { dateTimeCell, text, type ResolvedOptions, type RowResult } from "./common";
import { parsePerformanceStatus, type PerformanceStatus } from "./labels";

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

export function performanceSchema(o: ResolvedOptions) {
  return z.object({
    reference: requiredCell(text),
    showTitle: requiredCell(text),
    genre: optionalCell(parseText),
    producer: optionalCell(parseText),
    venue: optionalCell(parseText),
    start: dateTimeCell(o.zone, true),
    end: rawCell(),
    capacity: optionalCell(seats),
    blockedSeats: optionalCell(seats),
    status: optionalCell(parsePerformanceStatus),
  });
}

export function validatePerformance(schema: ReturnType<typeof performanceSchema>, row: Record<string, string | undefined>, o: ResolvedOptions): RowResult<PerformanceRow> {
  const parsed = schema.safeParse({ ...row, start: { date: row.start, time: row.startTime } });
  if (!parsed.success) return { ok: false, issues: collectIssues(parsed.error) };
  const { start, end: endText, status, ...rest } = parsed.data;
  const issues: RowIssue[] = [];
  let end: Date | null = null;
  if (endText !== null) {
    // The end is often just a time ("22h30"): it is then on the start's day, in the same zone.
    const asDate = parseDateTime(endText, { zone: o.zone });
    const asTime = asDate.ok ? null : parseTimeOfDay(endText);
    if (asDate.ok) end = asDate.value.at;
    else if (asTime?.ok) end = DateTime.fromJSDate(start.at, { zone: o.zone }).set(asTime.value).toJSDate();
    else issues.push({ code: "date.invalid", field: "end", value: endText });
    if (end && end.getTime() <= start.at.getTime()) issues.push({ code: "end.before_start", field: "end", value: endText });
  }
  if (rest.capacity !== null && rest.blockedSeats !== null && rest.blockedSeats > rest.capacity) {
    issues.push({ code: "blocked_seats.over_capacity", field: "blockedSeats", value: row.blockedSeats ?? "" });
  }
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, warnings: [], row: { ...rest, start: start.at, startHasTime: start.hasTime, end, status: status ?? "scheduled" } };
}
