// A campaign's start time is entered and shown in Europe/Paris whatever the browser's zone
// (venues are French). Converting a Paris wall-clock time to an instant must follow the DST
// rules: on the last Sunday of March, 02:00–02:59 does not exist (refused, not silently moved);
// on the last Sunday of October, 02:00–02:59 happens twice and means the second one, in winter
// time (UTC+1) — luxon's choice, kept and documented in docs/decisions/0016.
import { DateTime } from "luxon";
import { z } from "zod";

export const SCHEDULE_TIME_ZONE = "Europe/Paris";

export const ZParisDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const ZParisTime = z.string().regex(/^\d{2}:\d{2}$/);

export type TScheduleProblem = "invalid" | "nonexistent" | "past";
export type TScheduleResult = { ok: true; at: Date } | { ok: false; problem: TScheduleProblem };

/** The instant of a Paris wall-clock date (YYYY-MM-DD) and time (HH:MM), or why there is none. */
export function parisWallClockToInstant(date: string, time: string): TScheduleResult {
  if (!ZParisDate.safeParse(date).success || !ZParisTime.safeParse(time).success) return { ok: false, problem: "invalid" };
  const local = `${date}T${time}`;
  const at = DateTime.fromISO(local, { zone: SCHEDULE_TIME_ZONE });
  if (!at.isValid) return { ok: false, problem: "invalid" };
  // Inside the spring-forward gap luxon moves the time an hour later: detect it by reading back.
  if (at.toFormat("yyyy-MM-dd'T'HH:mm") !== local) return { ok: false, problem: "nonexistent" };
  return { ok: true, at: at.toJSDate() };
}

/** A start time for a campaign: valid in Paris and strictly after `now`. */
export function parseScheduleTime(date: string, time: string, now: Date): TScheduleResult {
  const result = parisWallClockToInstant(date, time);
  if (result.ok && result.at.getTime() <= now.getTime()) return { ok: false, problem: "past" };
  return result;
}

/** The Paris wall-clock date and time of an instant (to pre-fill the scheduling inputs). */
export function instantToParisWallClock(at: Date): { date: string; time: string } {
  const local = DateTime.fromJSDate(at, { zone: SCHEDULE_TIME_ZONE });
  return { date: local.toFormat("yyyy-MM-dd"), time: local.toFormat("HH:mm") };
}
