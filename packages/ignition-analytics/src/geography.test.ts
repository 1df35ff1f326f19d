// Audience maps and their privacy rule: no returned cell can describe fewer than 5 people.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, withTenant, type Database, type Tx } from "@rappel/db";
import { parseDashboardFilters } from "./filters";
import { getAudienceByCommune, getAudienceByDepartement, MIN_CELL_SPECTATORS } from "./geography";
import { refreshRollups } from "./rollups";
import { addOrder, appDatabaseUrl, createTenant, LYON, paris } from "./testing/fixture";

const MARSEILLE = "13055";
const GRENOBLE = "38185";
const NOW = new Date("2026-03-15T12:00:00Z");
const season = parseDashboardFilters({}, NOW);

let db: Database;
let tenantId: string;
let perfs: string[];
let venueId: string;

const run = <T>(work: (tx: Tx) => Promise<T>) => withTenant(db, tenantId, work);

/** `count` new spectators of a commune, each buying one 20 € ticket for the performance. */
async function audience(tx: Tx, communeCode: string | null, count: number, performanceId: string): Promise<void> {
  for (let i = 0; i < count; i++) {
    const s = await tx.spectator.create({ data: { tenantId, communeCode } });
    await addOrder(tx, tenantId, { buyerId: s.id, orderedAt: paris("2025-09-10T12:00"), channel: "web", tickets: [
      { performanceId, category: "Plein", priceCents: 2000 },
    ] });
  }
}

beforeAll(async () => {
  db = createDatabase(appDatabaseUrl(), { max: 4 });
  tenantId = await createTenant(db, "geo");
  await run(async (tx) => {
    const venue = await tx.venue.create({ data: { tenantId, name: "Salle Lyon", capacity: 100, latitude: LYON.latitude, longitude: LYON.longitude } });
    venueId = venue.id;
    const show = await tx.show.create({ data: { tenantId, title: "Tournée", genre: "jazz" } });
    perfs = [];
    for (let day = 1; day <= 5; day++) {
      const startsAt = paris(`2025-10-0${day}T20:00`);
      const p = await tx.performance.create({ data: { tenantId, showId: show.id, venueId, startsAt, endsAt: startsAt, capacity: 100 } });
      perfs.push(p.id);
    }
    await audience(tx, LYON.code, 6, perfs[0]!); // six people from Lyon at the first performance
    await audience(tx, MARSEILLE, 2, perfs[0]!); // two from Marseille
    await audience(tx, null, 5, perfs[1]!); // five without a known commune
    // One single person from Grenoble at all five performances: 5 "spectators" summed over
    // performances, yet one human being.
    const fan = await tx.spectator.create({ data: { tenantId, communeCode: GRENOBLE } });
    for (const p of perfs) {
      await addOrder(tx, tenantId, { buyerId: fan.id, orderedAt: paris("2025-09-10T12:00"), channel: "phone", tickets: [
        { performanceId: p, category: "Plein", priceCents: 5000 },
      ] });
    }
    await refreshRollups(tx, tenantId, "all");
  });
});

afterAll(async () => {
  await db.$disconnect();
});

describe("getAudienceByDepartement", () => {
  it("keeps cells of at least 5 people and merges the rest into 'other'", async () => {
    const map = await run((tx) => getAudienceByDepartement(tx, tenantId, season, "spectators"));
    expect(map.cells).toEqual([{ code: "69", spectators: 6, tickets: 6, revenueCents: 12000, value: 6 }]);
    // Marseille (2 people) and Grenoble (1 person, 5 attendances) are merged; together they are
    // at least 3 people at the first performance — still under 5, so "other" shows no figure.
    expect(map.other).toEqual({ cells: 2, figures: null });
    expect(map.unknown).toEqual({ cells: 0, figures: { spectators: 5, tickets: 5, revenueCents: 10000, value: 5 } });
  });

  it("shows 'other' once it groups enough people", async () => {
    await run(async (tx) => {
      await audience(tx, GRENOBLE, 2, perfs[0]!); // first performance: Marseille 2 + Grenoble 1 + 2 = 5
      await refreshRollups(tx, tenantId, { performanceIds: [perfs[0]!] });
    });
    const map = await run((tx) => getAudienceByDepartement(tx, tenantId, season, "revenue"));
    expect(map.cells.map((c) => c.code)).toEqual(["69"]);
    expect(map.other).toEqual({
      cells: 2,
      // Marseille 2 × 20 € + Grenoble: the fan's 5 × 50 € and two newcomers' 2 × 20 €
      figures: { spectators: 2 + 5 + 2, tickets: 2 + 5 + 2, revenueCents: 4000 + 25000 + 4000, value: 33000 },
    });
  });

  it("counts only the sales channel asked for, with the same rule for small cells", async () => {
    // Web: Lyon 6, Marseille 2, the two Grenoble newcomers and the five unknown; the fan bought by phone.
    const web = await run((tx) => getAudienceByDepartement(tx, tenantId, { ...season, salesChannel: "web" }, "revenue"));
    expect(web.cells).toEqual([{ code: "69", spectators: 6, tickets: 6, revenueCents: 12000, value: 12000 }]);
    // Without the fan, Marseille and Grenoble are 4 people at the first performance: no figure.
    expect(web.other).toEqual({ cells: 2, figures: null });
    expect(web.unknown.figures).toMatchObject({ spectators: 5 });
    // By phone there is one person: nothing is shown, at any level.
    const phone = await run((tx) => getAudienceByDepartement(tx, tenantId, { ...season, salesChannel: "phone" }, "tickets"));
    expect(phone.cells).toEqual([]);
    expect(phone.other).toEqual({ cells: 1, figures: null });
    const phoneCommunes = await run((tx) => getAudienceByCommune(tx, tenantId, { ...season, salesChannel: "phone" }, "tickets"));
    expect(phoneCommunes.cells).toEqual([]);
    expect(JSON.stringify(phoneCommunes)).not.toContain(GRENOBLE);
    const webCommunes = await run((tx) => getAudienceByCommune(tx, tenantId, { ...season, salesChannel: "web" }, "spectators"));
    expect(webCommunes.cells.map((c) => [c.code, c.spectators])).toEqual([[LYON.code, 6]]);
  });
});

describe("getAudienceByCommune", () => {
  it("returns commune centroids, never a cell of fewer than 5 people, and the venue to centre on", async () => {
    const map = await run((tx) => getAudienceByCommune(tx, tenantId, season, "tickets"));
    expect(map.cells).toEqual([
      { code: LYON.code, name: "Lyon", departement: "69", latitude: LYON.latitude, longitude: LYON.longitude, spectators: 6, tickets: 6, revenueCents: 12000, value: 6 },
    ]);
    for (const cell of map.cells) expect(cell.spectators).toBeGreaterThanOrEqual(MIN_CELL_SPECTATORS);
    expect(JSON.stringify(map)).not.toContain(GRENOBLE);
    expect(JSON.stringify(map)).not.toContain(MARSEILLE);
    expect(map.venues).toEqual([{ id: venueId, name: "Salle Lyon", latitude: LYON.latitude, longitude: LYON.longitude }]);
  });

  it("hides everything when the period holds too few people", async () => {
    const oneNight = parseDashboardFilters({ from: "2025-10-05", to: "2025-10-05" }, NOW); // only the Grenoble fan
    const map = await run((tx) => getAudienceByCommune(tx, tenantId, oneNight, "spectators"));
    expect(map.cells).toEqual([]);
    expect(map.other).toEqual({ cells: 1, figures: null });
  });
});
