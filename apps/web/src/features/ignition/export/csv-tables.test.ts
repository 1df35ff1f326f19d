// The CSV builders and the screens' queries on a real PostgreSQL, through the application role
// (row-level security on): a tenant with sales, one without, and a show title a spreadsheet would
// run as a formula.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, provisionTenant, withTenant, type Database } from "@rappel/db";
import { createTestDatabase, type TestDatabase } from "@rappel/db/testing";
import { parisInstant, refreshRollups, resolveFilters } from "@rappel/ignition-analytics";
import fr from "../../../../messages/fr.json";
import type { Labels } from "../lib/labels";
import { hasTicketingData, loadFilterOptions } from "../lib/queries";
import { readViewParams } from "../lib/url-state";
import { buildCsv, type CsvRequest } from "./csv-tables";

type Tree = { [key: string]: string | Tree };

/** The French messages of the ignition section, with {placeholders} filled in. */
function translate(key: string, values: Record<string, string | number> = {}): string {
  const found = key.split(".").reduce<string | Tree | undefined>((node, part) => (typeof node === "object" ? node[part] : undefined), fr.ignition as Tree);
  if (typeof found !== "string") throw new Error(`no message ignition.${key}`);
  return found.replace(/\{(\w+)[^}]*\}/g, (_, name: string) => String(values[name] ?? ""));
}

const labels: Labels = {
  genre: (id) => id ?? "",
  channel: (id) => id,
  breakdownKey: (_dim, label) => label,
  day: (day) => day,
  dateTime: (d) => d.toISOString(),
  departement: (code) => code,
};

let database: TestDatabase;
let db: Database;
let withSales: string;
let empty: string;

beforeAll(async () => {
  database = await createTestDatabase("rappel_web_ignition");
  db = createDatabase(database.appUrl, { max: 2 });
  withSales = (await provisionTenant(db, { slug: "avec-ventes", name: "Avec ventes", kind: "theatre" }, { userId: null })).id;
  empty = (await provisionTenant(db, { slug: "sans-ventes", name: "Sans ventes", kind: "theatre" }, { userId: null })).id;
  await withTenant(db, withSales, async (tx) => {
    const venue = await tx.venue.create({ data: { tenantId: withSales, name: "Grande salle", capacity: 100 } });
    const show = await tx.show.create({ data: { tenantId: withSales, title: '=HYPERLINK("http://x","clic")', genre: "theatre" } });
    const startsAt = parisInstant("2025-11-20T20:00");
    const performance = await tx.performance.create({
      data: { tenantId: withSales, showId: show.id, venueId: venue.id, startsAt, endsAt: new Date(startsAt.getTime() + 7_200_000), capacity: 100 },
    });
    // 20 paid orders of 2 tickets at 30 € on 1 Nov 2025, then the rollups as an import leaves them.
    const spectator = await tx.spectator.create({ data: { tenantId: withSales, communeCode: "69123", postalCode: "69001" } });
    for (let i = 0; i < 20; i++) {
      const orderedAt = parisInstant("2025-11-01T10:00");
      const order = await tx.order.create({
        data: { tenantId: withSales, reference: `O-${i}`, spectatorId: spectator.id, orderedAt, salesChannel: "web", totalCents: 6000 },
      });
      for (const k of [0, 1]) {
        await tx.ticket.create({
          data: {
            tenantId: withSales, reference: `T-${i}-${k}`, orderId: order.id, performanceId: performance.id, holderId: spectator.id,
            priceCategory: "-Tarif", priceCents: 3000, salesChannel: "web", issuedAt: orderedAt,
          },
        });
      }
    }
    await refreshRollups(tx, withSales, "all");
  });
}, 120_000);

afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

const filters = resolveFilters({ basis: "performance", from: "2025-09-01", to: "2026-08-31" }, new Date("2026-11-22T10:00:00Z"));

function request(tx: CsvRequest["tx"], tenantId: string, params: Record<string, string> = {}): CsvRequest {
  return { tx, tenantId, filters, view: readViewParams(params), searchParams: params, now: new Date("2026-11-22T10:00:00Z"), labels, t: translate };
}

describe("hasTicketingData and loadFilterOptions", () => {
  it("tell a tenant with sales from one without, and never show one tenant's venues to another", async () => {
    expect(await withTenant(db, withSales, (tx) => hasTicketingData(tx, withSales))).toBe(true);
    expect(await withTenant(db, empty, (tx) => hasTicketingData(tx, empty))).toBe(false);
    const options = await withTenant(db, withSales, (tx) => loadFilterOptions(tx, withSales, filters));
    expect(options.venues.map((v) => v.name)).toEqual(["Grande salle"]);
    expect(options.shows).toHaveLength(1);
    expect(options.genres).toEqual(["theatre"]);
    // Scoped to the empty tenant, asking for the other tenant's id finds nothing (row-level security).
    const leak = await withTenant(db, empty, (tx) => loadFilterOptions(tx, withSales, filters));
    expect(leak).toEqual({ venues: [], shows: [], genres: [] });
  });
});

describe("buildCsv", () => {
  it("exports the breakdown by show with the header first and the formula-like title neutralised", async () => {
    const csv = await withTenant(db, withSales, (tx) => buildCsv("breakdown", request(tx, withSales, { dim: "show" })));
    const lines = csv.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toBe("Spectacle,Billets,dont invitations,Recette (EUR),Jauge,Remplissage (%)");
    expect(lines[1]).toBe(`"'=HYPERLINK(""http://x"",""clic"")",40,0,1200,100,40`);
  });

  it("neutralises a price category that starts with a minus sign", async () => {
    const csv = await withTenant(db, withSales, (tx) => buildCsv("breakdown", request(tx, withSales, { dim: "priceCategory" })));
    expect(csv).toContain("\r\n'-Tarif,40,0,1200\r\n");
  });

  it("lists the KPIs with their three periods, amounts in euros and rates in percent", async () => {
    const csv = await withTenant(db, withSales, (tx) => buildCsv("kpis", request(tx, withSales)));
    const lines = csv.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toBe("Indicateur,Période,Période précédente,Saison dernière");
    expect(lines).toContain("Recette,1200,0,0");
    expect(lines).toContain("Billets,40,0,0");
    expect(lines).toContain("Prix moyen du billet,30,,"); // no paid ticket before: nothing to average
    expect(lines).toContain("Taux de remplissage,40,,"); // no capacity in the comparison periods
    expect(lines).toContain("Réservations non payées,0,,"); // a snapshot: no comparison
    expect(lines).toHaveLength(15);
  });

  it("gives an empty table (header only) for a tenant without sales", async () => {
    const csv = await withTenant(db, empty, (tx) => buildCsv("ranking", request(tx, empty)));
    expect(csv.replace(/^\uFEFF/, "").trim().split("\r\n")).toHaveLength(1);
  });
});
