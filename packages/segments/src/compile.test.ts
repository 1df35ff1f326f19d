// Each rule type compiled and run on real PostgreSQL (with row-level security), against a
// fixture whose four spectators differ on exactly what the rules look at.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, withTenant, type Database } from "@rappel/db";
import { InvalidSegmentError, listSegmentSpectatorIds, countSegment, parseSegmentRules } from "./query";
import type { TRule, TRuleGroup } from "./rules";
import { appDatabaseUrl, buildSegmentFixture, type SegmentFixture } from "./testing/fixture";

let db: Database;
let f: SegmentFixture;
let other: SegmentFixture;
const NOW = new Date("2026-11-22T12:00:00Z");

beforeAll(async () => {
  db = createDatabase(appDatabaseUrl(), { max: 3 });
  f = await buildSegmentFixture(db, "seg-a");
  other = await buildSegmentFixture(db, "seg-b"); // same shape: must never leak into f's counts
});
afterAll(async () => db.$disconnect());

async function who(rules: TRuleGroup): Promise<string[]> {
  const parsed = parseSegmentRules(rules);
  const ids = await withTenant(db, f.tenantId, (tx) => listSegmentSpectatorIds(tx, f.tenantId, parsed, NOW));
  const names = new Map([[f.ana, "ana"], [f.bob, "bob"], [f.cleo, "cleo"], [f.dan, "dan"]]);
  return ids.map((id) => names.get(id) ?? `foreign:${id}`).sort();
}
const one = (rule: TRule) => who({ op: "and", rules: [rule] });

describe("segment rules on PostgreSQL", () => {
  it("matches everyone of the tenant only with an empty AND group", async () => {
    expect(await who({ op: "and", rules: [] })).toEqual(["ana", "bob", "cleo", "dan"]);
    expect(await who({ op: "or", rules: [] })).toEqual([]);
  });

  it("lists one page at a time in id order (the editor's preview walks the segment by position)", async () => {
    const all = parseSegmentRules({ op: "and", rules: [] });
    const page = (limit: number, offset: number) => withTenant(db, f.tenantId, (tx) => listSegmentSpectatorIds(tx, f.tenantId, all, NOW, limit, offset));
    const everyone = await page(10, 0);
    expect(everyone).toEqual([f.ana, f.bob, f.cleo, f.dan].sort());
    expect(await page(1, 2)).toEqual([everyone[2]]);
    expect(await page(1, 4)).toEqual([]);
  });

  it("postal code: full codes and prefixes", async () => {
    expect(await one({ type: "postal_code", values: ["69"] })).toEqual(["ana", "dan"]);
    expect(await one({ type: "postal_code", values: ["75001", "38000"] })).toEqual(["bob", "cleo"]);
  });

  it("département, from the commune", async () => {
    expect(await one({ type: "departement", values: ["38", "75"] })).toEqual(["bob", "cleo"]);
  });

  it("distance to a venue", async () => {
    // Lyon → Villeurbanne ≈ 5 km, Lyon → Grenoble ≈ 95 km, Lyon → Paris ≈ 390 km.
    expect(await one({ type: "distance", venueId: f.lyonVenue, maxKm: 20 })).toEqual(["ana", "dan"]);
    expect(await one({ type: "distance", venueId: f.lyonVenue, maxKm: 120 })).toEqual(["ana", "cleo", "dan"]);
    expect(await one({ type: "distance", venueId: other.lyonVenue, maxKm: 2000 })).toEqual([]);
  });

  it("language and age", async () => {
    expect(await one({ type: "language", values: ["en"] })).toEqual(["bob"]);
    expect(await one({ type: "age", min: 30 })).toEqual(["ana", "dan"]);
    expect(await one({ type: "age", max: 30 })).toEqual(["bob"]);
  });

  it("bought a show, genre, venue or price category, in a period", async () => {
    expect(await one({ type: "bought", dimension: "genre", values: ["jazz"] })).toEqual(["ana"]); // dan's was cancelled
    expect(await one({ type: "bought", dimension: "show", values: [f.theatreShow] })).toEqual(["ana", "bob"]);
    expect(await one({ type: "bought", dimension: "show", values: [f.theatreShow], from: "2025-01-01" })).toEqual(["ana"]);
    expect(await one({ type: "bought", dimension: "venue", values: [f.parisVenue], to: "2024-12-31" })).toEqual(["bob"]);
    expect(await one({ type: "bought", dimension: "price_category", values: ["Réduit"] })).toEqual(["bob"]);
  });

  it("number of orders and total spent", async () => {
    expect(await one({ type: "order_count", op: "gte", value: 2 })).toEqual(["ana"]);
    expect(await one({ type: "order_count", op: "eq", value: 0 })).toEqual(["cleo", "dan"]);
    expect(await one({ type: "order_count", op: "eq", value: 1, from: "2026-01-01" })).toEqual(["ana"]);
    expect(await one({ type: "total_spent", op: "gte", cents: 5000 })).toEqual(["ana"]);
    // dan's cancelled order and 60 € reservation (a pending order's total is what is due) count for nothing.
    expect(await one({ type: "total_spent", op: "lte", cents: 2000 })).toEqual(["bob", "cleo", "dan"]);
  });

  it("first and last purchase dates, first-timer", async () => {
    expect(await one({ type: "first_purchase", op: "before", date: "2025-01-01" })).toEqual(["bob"]);
    expect(await one({ type: "last_purchase", op: "after", date: "2026-01-01" })).toEqual(["ana"]);
    expect(await one({ type: "first_timer" })).toEqual(["bob"]);
  });

  it("attended: past performances only, by performance or show", async () => {
    expect(await one({ type: "attended" })).toEqual(["ana"]); // bob's performance is in 2027
    expect(await one({ type: "attended", showId: f.theatreShow })).toEqual([]);
    expect(await one({ type: "attended", performanceId: f.pastJazz })).toEqual(["ana"]);
  });

  it("consent per channel (withdrawn does not count)", async () => {
    expect(await one({ type: "consent", channel: "email" })).toEqual(["ana"]);
    expect(await one({ type: "consent", channel: "sms" })).toEqual(["bob"]);
    expect(await one({ type: "consent", channel: "social_ads" })).toEqual(["bob"]); // ana's is withdrawn
  });

  it("exclusion: already holds a ticket for the promoted performance", async () => {
    expect(await one({ type: "holds_ticket", performanceId: f.futureTheatre })).toEqual(["ana", "bob"]);
    expect(await one({ type: "holds_ticket", performanceId: f.futureTheatre, negate: true })).toEqual(["cleo", "dan"]);
  });

  it("engagement: opened (clicks imply an open) or clicked a campaign", async () => {
    expect(await one({ type: "engagement", action: "opened" })).toEqual(["ana", "bob"]);
    expect(await one({ type: "engagement", action: "clicked", campaignId: f.campaignId })).toEqual(["ana"]);
    expect(await one({ type: "engagement", action: "opened", to: "2026-09-01" })).toEqual([]);
  });

  it("AND / OR groups, nesting and negation", async () => {
    const rules: TRuleGroup = {
      op: "or",
      rules: [
        { op: "and", rules: [{ type: "postal_code", values: ["69"] }, { type: "order_count", op: "gte", value: 1 }] },
        { type: "language", values: ["en"] },
      ],
    };
    expect(await who(rules)).toEqual(["ana", "bob"]);
    expect(await who({ ...rules, negate: true })).toEqual(["cleo", "dan"]);
    expect(await withTenant(db, f.tenantId, (tx) => countSegment(tx, f.tenantId, rules, NOW))).toBe(2);
  });

  it("never selects an archived person (past the active retention period)", async () => {
    const everyone = { op: "and" as const, rules: [] };
    expect(await who(everyone)).toEqual(["ana", "bob", "cleo", "dan"]);
    await withTenant(db, f.tenantId, (tx) => tx.spectator.update({ where: { tenantId_id: { tenantId: f.tenantId, id: f.cleo } }, data: { archivedAt: NOW } }));
    try {
      expect(await who(everyone)).toEqual(["ana", "bob", "dan"]);
      expect(await withTenant(db, f.tenantId, (tx) => countSegment(tx, f.tenantId, parseSegmentRules(everyone), NOW))).toBe(3);
    } finally {
      await withTenant(db, f.tenantId, (tx) => tx.spectator.update({ where: { tenantId_id: { tenantId: f.tenantId, id: f.cleo } }, data: { archivedAt: null } }));
    }
  });

  it("carries values as parameters: SQL in a value is only a value", async () => {
    expect(await one({ type: "bought", dimension: "price_category", values: ["x'); DELETE FROM spectator; --"] })).toEqual([]);
    expect(await who({ op: "and", rules: [] })).toHaveLength(4);
  });

  it("NPS category of the latest answer, optionally for a survey, a show or a period", async () => {
    // ana's latest answer (festival, 10) makes her a promoter; cleo's unfinished 9 counts.
    expect(await one({ type: "nps", category: "promoter" })).toEqual(["ana", "cleo"]);
    expect(await one({ type: "nps", category: "detractor" })).toEqual([]);
    expect(await one({ type: "nps", category: "detractor", surveyId: f.mainSurvey })).toEqual(["ana"]);
    expect(await one({ type: "nps", category: "passive", showId: f.theatreShow })).toEqual(["bob"]);
    expect(await one({ type: "nps", category: "passive", showId: f.jazzShow })).toEqual([]);
    expect(await one({ type: "nps", category: "promoter", from: "2026-01-01" })).toEqual(["cleo"]);
    expect(await one({ type: "nps", category: "detractor", to: "2025-02-15" })).toEqual(["ana"]);
    // Negated: everyone not in the category, including those never asked.
    expect(await one({ type: "nps", category: "detractor", surveyId: f.mainSurvey, negate: true })).toEqual(["bob", "cleo", "dan"]);
    // Another tenant's survey matches nobody here.
    expect(await one({ type: "nps", category: "promoter", surveyId: other.festivalSurvey })).toEqual([]);
  });

  it("answered a survey (finished), optionally which one and when", async () => {
    expect(await one({ type: "answered_survey" })).toEqual(["ana", "bob"]);
    expect(await one({ type: "answered_survey", surveyId: f.festivalSurvey })).toEqual(["ana"]);
    expect(await one({ type: "answered_survey", surveyId: f.mainSurvey, from: "2026-01-01", to: "2026-12-31" })).toEqual(["bob"]);
    expect(await one({ type: "answered_survey", to: "2025-12-31" })).toEqual(["ana"]);
    expect(await one({ type: "answered_survey", negate: true })).toEqual(["cleo", "dan"]);
    expect(await one({ type: "answered_survey", surveyId: other.mainSurvey })).toEqual([]);
  });

  it("rejects malformed rules with a readable message", () => {
    expect(() => parseSegmentRules({ op: "and", rules: [{ type: "distance", venueId: "x", maxKm: -1 }] })).toThrow(InvalidSegmentError);
    expect(() => parseSegmentRules({ op: "xor", rules: [] })).toThrow(/op/);
  });
});
