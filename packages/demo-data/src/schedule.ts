// The programme of one tenant: shows, their runs of performances over the seasons (or festival
// editions), and how many tickets each performance has sold by the reference date. The
// programme's density grows with the requested volume; when two periods cannot hold it at a
// realistic density, earlier periods are added (a client importing several seasons of history).
import { RUNNING_TIME, fullPriceCents, producerName, showTitle, type GenreId } from "./catalog";
import { DAY_MS, REFERENCE_DATE, eachDay, parisTime } from "./calendar";
import { Random } from "./random";
import { makeSalesCurve, soldShareBefore, type SalesCurve } from "./sales-curve";
import { periodsOf, type Period, type TenantDefinition, type VenueDefinition } from "./tenants";

export interface PlannedVenue extends VenueDefinition {
  id: string;
}

export interface PlannedShow {
  id: string;
  title: string;
  genre: GenreId;
  producer: string;
  externalRef: string;
}

export interface PlannedPerformance {
  id: string;
  showId: string;
  venueId: string;
  genre: GenreId;
  startsAt: Date;
  endsAt: Date;
  capacity: number;
  blockedSeats: number;
  status: "scheduled" | "cancelled" | "moved";
  externalRef: string;
  fullPriceCents: number;
  curve: SalesCurve;
  /** Tickets sold by the reference date (refunded ones included). */
  ticketTarget: number;
}

export interface TenantPlan {
  definition: TenantDefinition;
  periods: Period[];
  venues: PlannedVenue[];
  shows: PlannedShow[];
  performances: PlannedPerformance[];
  tickets: number;
  spectators: number;
  /** When the oldest spectator records were created (the ticketing system predates our window). */
  historyStart: number;
  /** When the first period's sales opened. */
  windowStart: number;
}

const MEAN_FILL = 0.7;
const MAX_DENSITY = 0.85;
const MAX_PERIODS = 12;
/** Average tickets per order (see sales.ts), used to size the spectator base. */
export const MEAN_ORDER_SIZE = 2.3;

interface Slot {
  startsAt: number;
  weekday: number;
  hour: number;
}

function trackSlots(times: Partial<Record<number, string[]>>, period: Period): Slot[] {
  const slots: Slot[] = [];
  for (const day of eachDay(period.firstDay, period.lastDay)) {
    // Closed on Christmas Eve and Day, New Year's Eve and Day.
    if ((day.month === 12 && [24, 25, 31].includes(day.day)) || (day.month === 1 && day.day === 1)) continue;
    for (const time of times[day.weekday] ?? []) {
      const [h, m] = time.split(":").map(Number) as [number, number];
      slots.push({ startsAt: parisTime(day.year, day.month, day.day, h, m).getTime(), weekday: day.weekday, hour: h });
    }
  }
  return slots;
}

function salesOpenAt(period: Period): number {
  return parisTime(period.salesOpen.year, period.salesOpen.month, period.salesOpen.day, 10, 0).getTime();
}

/** Seats the periods could sell by the reference date at full density and average popularity. */
function potentialSeats(def: TenantDefinition, periods: Period[]): number {
  const random = new Random(0);
  let seats = 0;
  for (const venue of def.venues) {
    const avail = venue.capacity - (venue.blockedSeats[0] + venue.blockedSeats[1]) / 2;
    for (const track of venue.tracks) {
      for (const period of periods) {
        const opens = salesOpenAt(period);
        for (const slot of trackSlots(track.times, period)) {
          seats += avail * soldShareBefore(makeSalesCurve(random, opens, slot.startsAt, 0.5, def.kind), REFERENCE_DATE.getTime());
        }
      }
    }
  }
  return seats;
}

/** Fill rate a performance would reach by its start: shows differ, weekends sell better. */
function performanceFill(random: Random, showFill: number, slot: Slot): number {
  const day = slot.weekday === 6 ? 1.08 : slot.weekday === 5 ? 1.04 : slot.weekday === 2 ? 0.9 : 1;
  return Math.min(1, Math.max(0.12, showFill * day + random.normal(0, 0.05)));
}

/** Distributes `budget` tickets over performances in proportion to their weights, within caps. */
function allocate(weights: number[], caps: number[], budget: number): number[] {
  const exact = new Array<number>(weights.length).fill(0);
  let open = weights.map((w, i) => (w > 0 && caps[i]! > 0 ? i : -1)).filter((i) => i >= 0);
  let remaining = budget;
  while (open.length > 0 && remaining > 1e-9) {
    const total = open.reduce((s, i) => s + weights[i]!, 0);
    const k = remaining / total;
    const capped = open.filter((i) => k * weights[i]! >= caps[i]!);
    if (capped.length === 0) {
      for (const i of open) exact[i] = k * weights[i]!;
      break;
    }
    for (const i of capped) {
      exact[i] = caps[i]!;
      remaining -= caps[i]!;
    }
    open = open.filter((i) => k * weights[i]! < caps[i]!);
  }
  // Integers that add up to the budget: floors, then the largest remainders.
  const result = exact.map(Math.floor);
  let missing = budget - result.reduce((s, v) => s + v, 0);
  const order = exact.map((v, i) => [v - Math.floor(v), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (missing <= 0) break;
    if (result[i]! < caps[i]!) {
      result[i]! += 1;
      missing -= 1;
    }
  }
  return result;
}

export function planTenant(def: TenantDefinition, tickets: number, seed: number, lastNames: () => string): TenantPlan {
  const random = Random.derive(seed, def.slug, "schedule");
  const need = tickets / MEAN_FILL;
  let periods = periodsOf(def.kind, 2);
  let potential = potentialSeats(def, periods);
  while (need > MAX_DENSITY * potential && periods.length < MAX_PERIODS) {
    periods = periodsOf(def.kind, periods.length + 1);
    potential = potentialSeats(def, periods);
  }
  // Low volumes still get a programme worth looking at (a few runs per stage and period).
  const density = Math.min(MAX_DENSITY, Math.max(def.kind === "theatre" ? 0.03 : 0.08, need / potential));

  const venues: PlannedVenue[] = def.venues.map((v) => ({ ...v, id: random.uuid() }));
  const shows: PlannedShow[] = [];
  const performances: PlannedPerformance[] = [];
  const fills: number[] = [];
  const titles = new Set<string>();

  for (const period of periods) {
    const opens = salesOpenAt(period);
    for (const venue of venues) {
      for (const track of venue.tracks) {
        const slots = trackSlots(track.times, period);
        const meanRun = (track.run[0] + track.run[1]) / 2;
        const meanGap = (meanRun * (1 - density)) / density;
        let i = Math.floor(random.float() * Math.min(meanGap, slots.length));
        while (i < slots.length) {
          const run = slots.slice(i, i + random.int(track.run[0], track.run[1]));
          i += run.length + Math.round(-meanGap * Math.log(1 - random.float()));
          const genre = random.weighted(track.genres);
          const show: PlannedShow = {
            id: random.uuid(),
            title: showTitle(random, genre, titles),
            genre,
            producer: producerName(random, lastNames()),
            externalRef: `${def.code}-SPE-${String(shows.length + 1).padStart(4, "0")}`,
          };
          shows.push(show);
          // Popularity drives both how full a show gets and how early it sells; a fifth are hits.
          const popularity = random.chance(0.2) ? random.between(0.85, 1) : random.between(0.05, 0.8);
          const showFill = popularity >= 0.85 ? random.between(0.97, 1.1) : 0.3 + 0.7 * popularity;
          const price = fullPriceCents(random, genre, venue.priceFactor);
          const reduced = venue.capacity > 600 && random.chance(0.15); // smaller configuration of the hall
          const [minRun, maxRun] = RUNNING_TIME[genre];
          for (const slot of run) {
            const cancelled = random.chance(venue.outdoor ? 0.03 : 0.012);
            const moved = !cancelled && random.chance(0.008);
            const startsAt = slot.startsAt + (moved ? random.int(7, 35) * DAY_MS : 0);
            const capacity = reduced ? Math.round(venue.capacity * 0.72) : venue.capacity;
            performances.push({
              id: random.uuid(),
              showId: show.id,
              venueId: venue.id,
              genre,
              startsAt: new Date(startsAt),
              endsAt: new Date(startsAt + Math.round(random.between(minRun, maxRun) / 5) * 5 * 60_000),
              capacity,
              blockedSeats: random.int(venue.blockedSeats[0], venue.blockedSeats[1]),
              status: cancelled ? "cancelled" : moved ? "moved" : "scheduled",
              externalRef: `${def.code}-SEA-${String(performances.length + 1).padStart(5, "0")}`,
              fullPriceCents: price,
              curve: makeSalesCurve(random, opens, startsAt, popularity, def.kind),
              ticketTarget: 0,
            });
            fills.push(performanceFill(random, showFill, slot));
          }
        }
      }
    }
  }

  const now = REFERENCE_DATE.getTime();
  const caps = performances.map((p) => p.capacity - p.blockedSeats);
  const weights = performances.map((p, k) => fills[k]! * caps[k]! * soldShareBefore(p.curve, now));
  const targets = allocate(weights, caps, tickets);
  performances.forEach((p, k) => (p.ticketTarget = targets[k]!));
  const sold = targets.reduce((s, v) => s + v, 0);
  const windowStart = salesOpenAt(periods[0]!);
  return {
    definition: def,
    periods,
    venues,
    shows,
    performances,
    tickets: sold,
    spectators: Math.ceil((sold / MEAN_ORDER_SIZE) * 0.58) + 10,
    historyStart: windowStart - 3 * 365 * DAY_MS,
    windowStart,
  };
}
