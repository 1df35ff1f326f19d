// The promoted-performance choices of both campaign editors, labelled "Show — date" in Paris time.
import { getFormatter } from "next-intl/server";
import { SCHEDULE_TIME_ZONE } from "@rappel/campaigns";
import { getDb } from "@/server/db";
import { listPromotablePerformances } from "./lib/promoted-performance";
import type { Scope } from "./lib/segments";

export async function promotedPerformanceOptions(scope: Scope, current: string | null): Promise<{ value: string; label: string }[]> {
  const [performances, format] = await Promise.all([listPromotablePerformances(getDb(), scope, current), getFormatter()]);
  return performances.map((p) => ({
    value: p.id, label: `${p.show.title} — ${format.dateTime(p.startsAt, { dateStyle: "medium", timeStyle: "short", timeZone: SCHEDULE_TIME_ZONE })}`,
  }));
}
