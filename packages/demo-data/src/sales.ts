// Orders and tickets of one tenant, performance by performance. Each performance has its own
// random stream, so its sales are the same whatever was generated before; references and ids
// come from per-tenant counters, so they are unique by construction.
import { TZDate } from "@date-fns/tz";
import { PRICE_CATEGORIES, categoryPriceCents, type PriceCategory } from "./catalog";
import { DAY_MS, REFERENCE_DATE, TIME_ZONE } from "./calendar";
import { Random, indexedUuid, saltOf } from "./random";
import { drawSaleTime, type SalesChannelId } from "./sales-curve";
import type { PlannedPerformance, TenantPlan } from "./schedule";
import type { SpectatorBase } from "./spectators";

export interface TicketRecord {
  id: string;
  reference: string;
  priceCategory: PriceCategory;
  priceCents: number;
  holderId: string | null;
  status: "valid" | "cancelled" | "refunded";
}

export interface OrderRecord {
  id: string;
  reference: string;
  spectatorId: string | null;
  performanceId: string;
  orderedAt: number;
  channel: SalesChannelId;
  totalCents: number;
  status: "paid" | "cancelled" | "refunded";
  tickets: TicketRecord[];
}

const ORDER_SIZES: readonly (readonly [number, number])[] = [
  [1, 0.26],
  [2, 0.46],
  [3, 0.1],
  [4, 0.11],
  [5, 0.04],
  [6, 0.03],
];

/** Local hour of the purchase by channel: the box office and phone keep opening hours. */
const HOURS: Record<SalesChannelId, readonly (readonly [number, number])[]> = {
  web: [
    [8, 2],
    [9, 3],
    [10, 4],
    [11, 5],
    [12, 7],
    [13, 7],
    [14, 5],
    [15, 4],
    [16, 4],
    [17, 5],
    [18, 7],
    [19, 8],
    [20, 9],
    [21, 9],
    [22, 7],
    [23, 3],
    [0, 1],
    [7, 1],
  ],
  box_office: [
    [11, 2],
    [12, 2],
    [13, 3],
    [14, 3],
    [15, 3],
    [16, 3],
    [17, 4],
    [18, 4],
    [19, 3],
  ],
  phone: [
    [10, 3],
    [11, 3],
    [12, 2],
    [14, 3],
    [15, 3],
    [16, 3],
    [17, 2],
  ],
  reseller: [
    [9, 2],
    [10, 3],
    [12, 3],
    [14, 3],
    [17, 3],
    [19, 3],
    [21, 3],
  ],
  partner: [
    [9, 3],
    [10, 3],
    [11, 3],
    [14, 3],
    [15, 3],
    [16, 2],
  ],
};

const parisOffsets = new Map<number, number>();
/** Paris midnight (as an instant) of the day containing t; offsets cached per day. */
function parisMidnight(t: number): number {
  const utcDay = Math.floor(t / DAY_MS);
  let offset = parisOffsets.get(utcDay);
  if (offset === undefined) {
    offset = -new TZDate(utcDay * DAY_MS + DAY_MS / 2, TIME_ZONE).getTimezoneOffset() * 60_000;
    parisOffsets.set(utcDay, offset);
  }
  return Math.floor((t + offset) / DAY_MS) * DAY_MS - offset;
}

function categoryWeights(
  plan: TenantPlan,
  perf: PlannedPerformance,
  channel: SalesChannelId,
  at: number,
): [PriceCategory, number][] {
  if (channel === "partner")
    return [
      ["Groupe", 0.7],
      ["Invitation", 0.2],
      ["Plein tarif", 0.1],
    ];
  if (channel === "reseller")
    return [
      ["Plein tarif", 0.8],
      ["Réduit", 0.2],
    ];
  if (perf.genre === "jeune-public")
    return [
      ["Jeune -26", 0.5],
      ["Plein tarif", 0.38],
      ["Réduit", 0.1],
      ["Invitation", 0.02],
    ];
  const theatre = plan.definition.kind === "theatre";
  // Subscribers buy their season at its launch.
  const subscriber = theatre ? (at - perf.curve.opensAt < 21 * DAY_MS ? 0.45 : 0.08) : 0;
  return [
    ["Plein tarif", 0.48],
    ["Réduit", 0.18],
    ["Abonné", subscriber],
    ["Jeune -26", theatre ? 0.12 : 0.14],
    ["Groupe", 0.03],
    ["Invitation", channel === "box_office" ? 0.06 : 0.02],
  ];
}

export class SalesGenerator {
  private orderSeq = 0;
  private ticketSeq = 0;
  private readonly orderSalt: number;
  private readonly ticketSalt: number;

  constructor(
    private readonly plan: TenantPlan,
    private readonly base: SpectatorBase,
    private readonly seed: number,
  ) {
    this.orderSalt = saltOf(seed, plan.definition.slug, "order");
    this.ticketSalt = saltOf(seed, plan.definition.slug, "ticket");
  }

  /** The orders of one performance, in the order they were placed. */
  ordersOf(perfIndex: number): OrderRecord[] {
    const perf = this.plan.performances[perfIndex]!;
    const random = Random.derive(this.seed, this.plan.definition.slug, "sales", perfIndex);
    const until = Math.min(REFERENCE_DATE.getTime(), perf.startsAt.getTime());
    const drafts: { at: number; channel: SalesChannelId; size: number }[] = [];
    for (let left = perf.ticketTarget; left > 0;) {
      const channel = random.weighted(this.plan.definition.channels);
      const size = Math.min(
        left,
        channel === "partner" ? random.int(4, 6) : random.weighted(ORDER_SIZES),
      );
      drafts.push({
        at: this.placeInDay(drawSaleTime(perf.curve, until, random), channel, perf, until, random),
        channel,
        size,
      });
      left -= size;
    }
    drafts.sort((a, b) => a.at - b.at);
    return drafts.map((draft) => this.order(perf, draft, random));
  }

  /** Moves a sale to a plausible hour of its day for the channel, unless that leaves the window. */
  private placeInDay(
    t: number,
    channel: SalesChannelId,
    perf: PlannedPerformance,
    until: number,
    random: Random,
  ): number {
    const moved =
      parisMidnight(t) + random.weighted(HOURS[channel]) * 3_600_000 + random.int(0, 3_599) * 1000;
    return moved >= perf.curve.opensAt && moved < until ? moved : t;
  }

  private order(
    perf: PlannedPerformance,
    draft: { at: number; channel: SalesChannelId; size: number },
    random: Random,
  ): OrderRecord {
    const anonymous = draft.channel === "box_office" && random.chance(0.1);
    const buyer = anonymous ? null : this.base.idOf(this.base.pickBuyer(draft.at, random));
    const status: OrderRecord["status"] =
      perf.status === "cancelled"
        ? "refunded"
        : random.chance(0.01)
          ? "cancelled"
          : random.chance(0.006)
            ? "refunded"
            : "paid";
    const ticketStatus = status === "paid" ? "valid" : status;
    const weights = categoryWeights(this.plan, perf, draft.channel, draft.at);
    const main = random.weighted(weights);
    const reference = `${this.plan.definition.code}-C${String(++this.orderSeq).padStart(8, "0")}`;
    const tickets: TicketRecord[] = [];
    let total = 0;
    for (let i = 0; i < draft.size; i++) {
      const category = i === 0 || random.chance(0.7) ? main : random.weighted(weights);
      const priceCents = categoryPriceCents(perf.fullPriceCents, category);
      total += priceCents;
      tickets.push({
        id: indexedUuid(this.ticketSalt, this.ticketSeq++),
        reference: `${reference}-${i + 1}`,
        priceCategory: category,
        priceCents,
        // The buyer holds the first ticket; companions are unknown to the ticketing system.
        holderId: i === 0 ? buyer : null,
        status: ticketStatus,
      });
    }
    return {
      id: indexedUuid(this.orderSalt, this.orderSeq - 1),
      reference,
      spectatorId: buyer,
      performanceId: perf.id,
      orderedAt: draft.at,
      channel: draft.channel,
      // The money the order stands for, as an import computes it (orderTotalOf): every ticket of
      // an order shares its status here, so a cancelled or refunded order holds nothing.
      totalCents: status === "paid" ? total : 0,
      status,
      tickets,
    };
  }
}

export const isComplimentary = (category: PriceCategory): boolean =>
  PRICE_CATEGORIES[category] === 0;
