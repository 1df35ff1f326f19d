// Journey: the venue's director explores the Ignition dashboard (KPIs that follow the filters, a
// performance's sales curve, the audience map and its table, CSV and PNG exports, English); the
// analyst sees the same aggregates and nothing that leads to a spectator; a viewer may look but
// not export.
import { readFileSync } from "node:fs";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { expectNoHorizontalOverflow, screenshot, signIn } from "./helpers";

const BASE = "/t/theatre-lumiere/ignition";
/** The 2025–26 season is entirely in the demo's past: its figures do not move with the clock. */
const PAST_SEASON = { from: "2025-09-01", to: "2026-08-31" };

async function count(locator: Locator): Promise<number> {
  const text = (await locator.innerText()).trim();
  expect(text, "a KPI shows a number").toMatch(/^[\d\s\u00a0\u202f.,]+(\s?[€%]|\s?j|\s?km)?$/);
  return Number(text.replace(/[^\d]/g, ""));
}

async function applyFilters(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Appliquer les filtres" }).click();
  await page.waitForLoadState("load");
}

function csvRows(text: string): string[][] {
  return text
    .replace(/^\uFEFF/, "")
    .trim()
    .split("\r\n")
    .map((line) => line.split(","));
}

test("the director reads KPIs, a sales curve and the audience map, and exports them", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, "direction@rappel.demo");
  await page.goto(BASE);
  await expect(page.getByRole("heading", { level: 1, name: "Ignition" })).toBeVisible();
  await count(page.getByTestId("kpi-tickets"));
  await count(page.getByTestId("kpi-revenue"));
  // The default view (current season), with one definition open, as the French screenshot.
  await page.getByRole("button", { name: "Définition : Taux de remplissage" }).evaluate((b) => (b as HTMLElement).focus({ preventScroll: true }));
  await expect(page.getByRole("tooltip").filter({ hasText: "jauge commercialisable" })).toBeVisible();
  await screenshot(page, "ignition-dashboard-fr");
  // Unpaid reservations sit beside the KPIs, with what they are (and are not) on focus.
  await count(page.getByTestId("kpi-pendingReservations"));
  await page.getByRole("button", { name: "Définition : Réservations non payées" }).focus();
  await expect(page.getByRole("tooltip").filter({ hasText: "ne comptent ni dans la recette" })).toBeVisible();
  await page.keyboard.press("Escape");

  // The period, then a venue: each change is in the URL and changes the figures.
  await page.getByLabel("Du", { exact: true }).fill(PAST_SEASON.from);
  await page.getByLabel("Au", { exact: true }).fill(PAST_SEASON.to);
  await applyFilters(page);
  await expect(page).toHaveURL(/from=2025-09-01&to=2026-08-31/);
  const allTickets = await count(page.getByTestId("kpi-tickets"));
  const allRevenue = await count(page.getByTestId("kpi-revenue"));
  expect(allTickets).toBeGreaterThan(0);

  await page.getByLabel("Salle", { exact: true }).selectOption({ label: "Studio" });
  await applyFilters(page);
  await expect(page).toHaveURL(/venueId=[0-9a-f-]{36}/);
  const studioTickets = await count(page.getByTestId("kpi-tickets"));
  expect(studioTickets).toBeGreaterThan(0);
  expect(studioTickets).toBeLessThan(allTickets);
  expect(await count(page.getByTestId("kpi-revenue"))).toBeLessThan(allRevenue);
  // The shared URL reproduces the view.
  const shared = page.url();
  await page.goto(shared);
  expect(await count(page.getByTestId("kpi-tickets"))).toBe(studioTickets);

  // A definition shows on keyboard focus, and Escape hides it.
  const definition = page.getByRole("button", { name: "Définition : Taux de remplissage" });
  await definition.focus();
  await expect(page.getByRole("tooltip").filter({ hasText: "jauge commercialisable" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("tooltip").filter({ hasText: "jauge commercialisable" })).toBeHidden();
  // Changes say what they compare with, in words.
  await expect(page.getByText(/par rapport à la période précédente/).first()).toBeAttached();
  await expect(page.getByTestId("sales-chart").locator(".recharts-bar-rectangle").first()).toBeVisible();

  // A performance's sales curve, compared with the average of the same show.
  await page.getByTestId("ranking-top").getByRole("link").first().click();
  await expect(page).toHaveURL(/\/ignition\/performances\/[0-9a-f-]{36}/);
  await expect(page.getByRole("heading", { level: 2, name: "Billets vendus cumulés avant la représentation" })).toBeVisible();
  const curve = page.getByTestId("curve-chart");
  await expect(curve.locator(".recharts-line").first()).toBeVisible();
  // The capacity line carries its label on the chart, and the legend names it too.
  await expect(curve.locator("svg.recharts-surface").getByText(/^Jauge \(/)).toBeVisible();
  await expect(curve.getByRole("listitem").filter({ hasText: /^Jauge \(/ })).toBeVisible();
  await expect(page.getByTestId("pace")).toContainText("Vendus à ce jour");
  await page.getByLabel("Taux de remplissage visé (%)").fill("80");
  await page.getByRole("button", { name: "Mettre à jour la courbe" }).click();
  await expect(page).toHaveURL(/target=80/);
  await expect(curve.locator("svg.recharts-surface").getByText("Objectif 80 %")).toBeVisible();
  await screenshot(page, "ignition-curve");

  // The audience map by département, its table, and the commune points.
  await page.getByRole("link", { name: "Retour au tableau de bord" }).click();
  await page.getByRole("navigation", { name: "Vues du tableau de bord" }).getByRole("link", { name: "Provenance du public" }).click();
  await expect(page).toHaveURL(/\/ignition\/map\?/);
  const map = page.getByRole("img", { name: /Spectateurs par département/ });
  await expect(map).toBeVisible();
  await expect(map.locator('path[data-code="69"]')).toHaveAttribute("fill", /^#(?!f1f5f9)/); // a class colour, not "no data"
  const table = page.getByTestId("departement-table");
  await expect(table.getByRole("rowheader", { name: "Rhône (69)" })).toBeVisible();
  await expect(page.getByRole("img", { name: /par commune autour de la salle/ })).toBeVisible();
  // No cell describes fewer than 5 spectators.
  for (const cell of await table.locator("tbody tr td:nth-child(3)").allInnerTexts()) {
    expect(Number(cell.replace(/[^\d]/g, ""))).toBeGreaterThanOrEqual(5);
  }
  await screenshot(page, "ignition-map");

  // CSV of the table: a real download, header first, nothing a spreadsheet would run.
  const [csv] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Télécharger « Spectateurs par département (tableau) » en CSV" }).click(),
  ]);
  expect(csv.suggestedFilename()).toBe("ignition-departements-2025-09-01-2026-08-31.csv");
  const rows = csvRows(readFileSync(await csv.path(), "utf8"));
  expect(rows[0]).toEqual(["Département", "Code", "Spectateurs", "Billets", "Recette (EUR)"]);
  expect(rows.some((r) => r[1] === "69")).toBe(true);
  for (const cell of rows.flat()) {
    if (!/^-?\d+(\.\d+)?$/.test(cell)) expect(cell, "text cells never start like a formula").not.toMatch(/^[=+\-@]/);
  }

  // PNG of the map, drawn in the browser.
  const [png] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Exporter le graphique « Spectateurs par département » en PNG" }).click(),
  ]);
  expect(png.suggestedFilename()).toMatch(/\.png$/);
  expect(readFileSync(await png.path()).subarray(1, 4).toString("latin1")).toBe("PNG");

  // The same dashboard in English.
  await page.context().addCookies([{ name: "rappel_locale", value: "en", domain: new URL(page.url()).hostname, path: "/" }]);
  await page.goto(`${BASE}?from=${PAST_SEASON.from}&to=${PAST_SEASON.to}`);
  await expect(page.getByRole("heading", { level: 2, name: "Key figures" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Definition: Fill rate" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Definition: Unpaid reservations" })).toBeVisible();
  expect(await count(page.getByTestId("kpi-tickets"))).toBe(allTickets);
  await page.goto(BASE);
  await expect(page.getByRole("heading", { level: 2, name: "Key figures" })).toBeVisible();
  await screenshot(page, "ignition-dashboard-en");
});

test("the analyst sees the aggregates, may export them, and nothing leads to a spectator", async ({ page }) => {
  await signIn(page, "analyste@lumiere.demo");
  for (const path of ["", "/breakdowns?dim=performance", "/map"]) {
    await page.goto(`${BASE}${path}${path.includes("?") ? "&" : "?"}from=${PAST_SEASON.from}&to=${PAST_SEASON.to}`);
    await expect(page.getByRole("heading", { level: 1, name: "Ignition" })).toBeVisible();
    // Every link stays on aggregate pages: no path to a spectator's record (or to personal data).
    const paths = await page.locator("a[href]").evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    expect(paths.length).toBeGreaterThan(0);
    for (const p of paths) expect(p).not.toMatch(/spectat|people|person|contact/i);
    await expect(page.getByRole("link", { name: /en CSV$/ }).first()).toBeVisible();
  }
  const res = await page.request.get(`${BASE}/export/kpis?from=${PAST_SEASON.from}&to=${PAST_SEASON.to}`);
  expect(res.status()).toBe(200);
  expect((await res.text()).replace(/^\uFEFF/, "").split("\r\n")[0]).toBe("Indicateur,Période,Période précédente,Saison dernière");
});

test("a viewer sees the dashboard but cannot export", async ({ page }) => {
  await signIn(page, "lecture@lumiere.demo");
  await page.goto(`${BASE}?from=${PAST_SEASON.from}&to=${PAST_SEASON.to}`);
  expect(await count(page.getByTestId("kpi-tickets"))).toBeGreaterThan(0);
  await expect(page.getByRole("link", { name: /en CSV$/ })).toHaveCount(0);
  expect((await page.request.get(`${BASE}/export/kpis`)).status()).toBe(403);
  // Another tenant's export is not found, not forbidden: its existence is not revealed.
  expect((await page.request.get("/t/festival-nuits-ete/ignition/export/kpis")).status()).toBe(404);
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("the dashboard fits the screen", async ({ page }) => {
    await signIn(page, "direction@rappel.demo");
    await page.goto(`${BASE}?from=${PAST_SEASON.from}&to=${PAST_SEASON.to}`);
    await count(page.getByTestId("kpi-fillRate"));
    await expectNoHorizontalOverflow(page);
    await screenshot(page, "ignition-phone");
    for (const path of ["/map", "/breakdowns"]) {
      await page.goto(`${BASE}${path}?from=${PAST_SEASON.from}&to=${PAST_SEASON.to}`);
      await expect(page.getByRole("heading", { level: 1, name: "Ignition" })).toBeVisible();
      await expectNoHorizontalOverflow(page);
    }
  });
});
