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
    if ((day.month === 12 && [24, 25, 31].includes(day.day)) || (day.month === 1 && day.day === 1))
      continue;
    for (const time of times[day.weekday] ?? []) {
      const [h, m] = time.split(":").map(Number) as [number, number];
      slots.push({
        startsAt: parisTime(day.year, day.month, day.day, h, m).getTime(),
        weekday: day.weekday,
        hour: h,
      });
    }
  }
  return slots;
}

function salesOpenAt(period: Period): number {
  return parisTime(
    period.salesOpen.year,
    period.salesOpen.month,
    period.salesOpen.day,
    10,
    0,
  ).getTime();
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
          seats +=
            avail *
            soldShareBefore(
              makeSalesCurve(random, opens, slot.startsAt, 0.5, def.kind),
              REFERENCE_DATE.getTime(),
            );
        }
      }
    }
  }
  return seats;
}

/** Demand for a performance as a share of its seats: shows differ, weekends sell better. */
function performanceDemand(random: Random, showDemand: number, slot: Slot): number {
  const day = slot.weekday === 6 ? 1.08 : slot.weekday === 5 ? 1.04 : slot.weekday === 2 ? 0.9 : 1;
  return Math.min(1.5, Math.max(0.12, showDemand * day + random.normal(0, 0.05)));
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
  const order = exact
    .map((v, i) => [v - Math.floor(v), i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (missing <= 0) break;
    if (result[i]! < caps[i]!) {
      result[i]! += 1;
      missing -= 1;
    }
  }
  return result;
}

interface Programme {
  venues: PlannedVenue[];
  shows: PlannedShow[];
  performances: PlannedPerformance[];
  /** Demand of each performance, as a share of its sellable seats (hits exceed 1). */
  demand: number[];
  /** Tickets the programme would sell by the reference date at that demand. */
  expected: number;
}

/** Runs of consecutive slots, spread evenly over the period (low variance for a given density). */
function placeRuns(
  slots: Slot[],
  run: [number, number],
  density: number,
  random: Random,
): Slot[][] {
  const wanted = Math.max(run[0], Math.round(slots.length * density));
  const lengths: number[] = [];
  for (let total = 0; total < wanted;) {
    const length = Math.min(random.int(run[0], run[1]), wanted - total);
    lengths.push(length);
    total += length;
  }
  const runs: Slot[][] = [];
  let cursor = 0;
  lengths.forEach((length, r) => {
    const segmentStart = Math.floor((r * slots.length) / lengths.length);
    const segmentEnd = Math.floor(((r + 1) * slots.length) / lengths.length);
    const start = Math.max(
      cursor,
      segmentStart + random.int(0, Math.max(0, segmentEnd - segmentStart - length)),
    );
    const slice = slots.slice(start, start + length);
    if (slice.length > 0) runs.push(slice);
    cursor = start + slice.length;
  });
  return runs;
}

function buildProgramme(
  def: TenantDefinition,
  periods: Period[],
  density: number,
  random: Random,
  lastNames: () => string,
): Programme {
  const venues: PlannedVenue[] = def.venues.map((v) => ({ ...v, id: random.uuid() }));
  const shows: PlannedShow[] = [];
  const performances: PlannedPerformance[] = [];
  const demand: number[] = [];
  const titles = new Set<string>();
  const now = REFERENCE_DATE.getTime();
  let expected = 0;

  for (const period of periods) {
    const opens = salesOpenAt(period);
    for (const venue of venues) {
      for (const track of venue.tracks) {
        const slots = trackSlots(track.times, period);
        for (const run of placeRuns(slots, track.run, density, random)) {
          const genre = random.weighted(track.genres);
          const show: PlannedShow = {
            id: random.uuid(),
            title: showTitle(random, genre, titles),
            genre,
            producer: producerName(random, lastNames()),
            externalRef: `${def.code}-SPE-${String(shows.length + 1).padStart(4, "0")}`,
          };
          shows.push(show);
          // Popularity drives how full a show gets and how early it sells. A sixth are hits, whose
          // demand exceeds the hall: they sell out.
          const popularity = random.chance(0.16)
            ? random.between(0.85, 1)
            : random.between(0.05, 0.8);
          const showDemand = popularity >= 0.85 ? random.between(1.1, 1.4) : 0.4 + 0.7 * popularity;
          const price = fullPriceCents(random, genre, venue.priceFactor);
          const reduced = venue.capacity > 600 && random.chance(0.15); // smaller configuration of the hall
          const [minRun, maxRun] = RUNNING_TIME[genre];
          for (const slot of run) {
            const cancelled = random.chance(venue.outdoor ? 0.03 : 0.012);
            const moved = !cancelled && random.chance(0.01);
            // A moved performance keeps its time of day and stays inside its period.
            const firstHalf =
              slot.startsAt < (slots[0]!.startsAt + slots[slots.length - 1]!.startsAt) / 2;
            const shift =
              (def.kind === "theatre" ? random.int(7, 35) : random.int(1, 3)) *
              DAY_MS *
              (firstHalf ? 1 : -1);
            const startsAt = slot.startsAt + (moved ? shift : 0);
            const capacity = reduced ? Math.round(venue.capacity * 0.72) : venue.capacity;
            const perf: PlannedPerformance = {
              id: random.uuid(),
              showId: show.id,
              venueId: venue.id,
              genre,
              startsAt: new Date(startsAt),
              endsAt: new Date(
                startsAt + Math.round(random.between(minRun, maxRun) / 5) * 5 * 60_000,
              ),
              capacity,
              blockedSeats: random.int(venue.blockedSeats[0], venue.blockedSeats[1]),
              status: cancelled ? "cancelled" : moved ? "moved" : "scheduled",
              externalRef: `${def.code}-SEA-${String(performances.length + 1).padStart(5, "0")}`,
              fullPriceCents: price,
              curve: makeSalesCurve(random, opens, startsAt, popularity, def.kind),
              ticketTarget: 0,
            };
            const d = performanceDemand(random, showDemand, slot);
            performances.push(perf);
            demand.push(d);
            expected +=
              Math.min(1, d) * (capacity - perf.blockedSeats) * soldShareBefore(perf.curve, now);
          }
        }
      }
    }
  }
  // Even a small demo shows a cancelled and a moved performance.
  const scheduled = performances.filter((p) => p.status === "scheduled");
  for (const status of ["cancelled", "moved"] as const) {
    if (!performances.some((p) => p.status === status) && scheduled.length > 2) {
      scheduled.splice(Math.floor(random.float() * scheduled.length), 1)[0]!.status = status;
    }
  }
  return { venues, shows, performances, demand, expected };
}

export function planTenant(
  def: TenantDefinition,
  tickets: number,
  seed: number,
  lastNames: () => string,
): TenantPlan {
  const need = tickets / MEAN_FILL;
  let periods = periodsOf(def.kind, 2);
  let potential = potentialSeats(def, periods);
  while (need > MAX_DENSITY * potential && periods.length < MAX_PERIODS) {
    periods = periodsOf(def.kind, periods.length + 1);
    potential = potentialSeats(def, periods);
  }
  // The density is first estimated, then corrected until the programme can sell the tickets at
  // a realistic fill (expected sales 0–12 % above the request).
  let density = Math.min(MAX_DENSITY, need / potential);
  let programme: Programme | undefined;
  for (let attempt = 0; attempt < 8; attempt++) {
    const candidate = buildProgramme(
      def,
      periods,
      density,
      Random.derive(seed, def.slug, "schedule", attempt),
      lastNames,
    );
    const ratio = candidate.expected / Math.max(1, tickets);
    if (
      ratio >= 1 &&
      (!programme ||
        Math.abs(ratio - 1.05) < Math.abs(programme.expected / Math.max(1, tickets) - 1.05))
    ) {
      programme = candidate;
    }
    if (ratio >= 1 && ratio <= 1.12) break;
    if (density >= MAX_DENSITY && ratio < 1) {
      if (periods.length >= MAX_PERIODS)
        throw new Error(`${def.slug}: ${tickets} tickets do not fit in ${MAX_PERIODS} periods`);
      periods = periodsOf(def.kind, periods.length + 1);
    }
    density = Math.min(MAX_DENSITY, (density * 1.05) / Math.max(ratio, 0.01));
  }
  if (!programme) throw new Error(`${def.slug}: could not plan a programme for ${tickets} tickets`);

  const now = REFERENCE_DATE.getTime();
  const { venues, shows, performances, demand } = programme;
  const caps = performances.map((p) => p.capacity - p.blockedSeats);
  const weights = performances.map((p, k) => demand[k]! * caps[k]! * soldShareBefore(p.curve, now));
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
