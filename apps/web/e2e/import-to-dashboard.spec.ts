// Journey: a venue admin imports a season's export of a new show, follows the import to its end,
// then finds exactly the file's figures on the Ignition overview and on the audience map, where
// départements of fewer than 5 spectators are merged and hidden.
//
// The fixture (fixtures/billetterie-arpenteurs-utf8.csv: UTF-8, ";", French dates and decimal
// commas, 61 ticket rows) sells "Les Arpenteurs" at the Studio on 12 and 14 January 2029, a show
// and a month no other journey imports or looks at (far enough ahead that no list of upcoming
// shows in another journey reaches it, hence a purchase lead of some 800 days); its sales are
// dated October–November 2026, in the past, so all of them count "à date". By hand from the file:
//   counted tickets (valid tickets of paid orders): 56, of which 2 invitations (ARP-107, 0,00 €);
//   not counted: the cancelled ticket of ARP-104, the refunded order ARP-132 (2 tickets) and the
//   unpaid reservation ARP-133 (2 × 28,00 €, shown apart as pending);
//   revenue: 32 × 28,00 € + 16 × 21,50 € + 6 × 14,00 € = 1 324,00 € (invitations are 0,00 €);
//   average price: 1 324,00 € ÷ 54 paying tickets = 24,518… → 24,52 €;
//   orders: 32 paid orders (ARP-101…131 and the anonymous box-office sale ARP-134);
//   unique buyers: 30 (Hélène Vasseur bought twice, ARP-134 has no buyer), all new to the venue.
// The map counts spectators once per performance attended; a zone is shown when at least 5 of
// them are at one performance:
//   Rhône (69):  7 on the 12th + 4 on the 14th = 11 spectators, 21 tickets, 465 €;
//   Loire (42):  2 + 5 = 7 spectators, 12 tickets, 282 €;
//   Isère (38):  5 + 1 = 6 spectators, 11 tickets, 267 €;
//   hidden, merged into "Autres": Paris (75: 2 + 1), Haute-Savoie (74), Bouches-du-Rhône (13),
//   Drôme (26), Ain (01) — 4 people on the 12th, 3 on the 14th: fewer than 5, so masked too.
//   By commune, only Lyon reaches 5 at one performance: 5 + 3 = 8 spectators, 16 tickets, 352 €.
import { join } from "node:path";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { describedValue, screenshotFromTop, signIn } from "./helpers";

const SLUG = "theatre-lumiere";
const FILE = join(import.meta.dirname, "fixtures", "billetterie-arpenteurs-utf8.csv");
const JANUARY_2029 = `/t/${SLUG}/ignition?from=2029-01-01&to=2029-01-31`;

/** The text with every kind of space (French numbers use narrow no-break ones) as a plain space. */
const plain = (text: string) => text.replace(/\s+/g, " ").trim();

async function kpi(page: Page, key: string): Promise<string> {
  return plain(await page.getByTestId(`kpi-${key}`).innerText());
}

/** A table's body rows, each as its cells' texts. */
async function bodyRows(table: Locator): Promise<string[][]> {
  return table.locator("tbody tr").evaluateAll((rows) =>
    rows.map((row) => [...row.querySelectorAll("th, td")].map((cell) => (cell.textContent ?? "").replace(/\s+/g, " ").trim())),
  );
}

test("an imported export's figures show on the dashboard and the audience map", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, "admin@lumiere.demo");

  // Upload and mapping: the suggestions cover every column, the status included.
  await page.goto(`/t/${SLUG}/data`);
  await page.getByLabel("Contenu du fichier").selectOption({ label: "Billets et commandes" });
  await page.getByLabel("Fichier d'export").setInputFiles(FILE);
  await page.getByRole("button", { name: "Envoyer le fichier" }).click();
  await expect(page).toHaveURL(/\/data\/imports\/[0-9a-f-]{36}\/mapping$/);
  await expect(page.getByText("séparateur point-virgule")).toBeVisible();
  await expect(page.getByLabel(/^Prix/)).toHaveValue("Prix TTC");
  await expect(page.getByLabel(/^statut/i)).toHaveValue("Statut");
  await expect(page.getByLabel(/^Ville/)).toHaveValue("Ville du spectateur");
  await page.getByRole("button", { name: "Lancer l'import" }).click();

  // Progress, until the worker has written every row and refreshed the rollups.
  await expect(page).toHaveURL(/\/data\/imports\/[0-9a-f-]{36}$/);
  await expect(page.getByText(/Import terminé/)).toBeVisible({ timeout: 60_000 });
  expect(await describedValue(page, "Lignes lues")).toBe("61");
  expect(await describedValue(page, "Acceptées")).toBe("61");
  expect(await describedValue(page, "Rejetées")).toBe("0");

  // The overview for January 2029, narrowed to the show with the filter form (kept in the URL).
  await page.goto(JANUARY_2029);
  await page.getByLabel("Spectacle", { exact: true }).selectOption({ label: "Les Arpenteurs" });
  await page.getByRole("button", { name: "Appliquer les filtres" }).click();
  await expect(page).toHaveURL(/from=2029-01-01&to=2029-01-31.*showId=[0-9a-f-]{36}/);
  await expect(page.getByRole("heading", { level: 2, name: "Indicateurs clés" })).toBeVisible();
  expect(await kpi(page, "revenue")).toBe("1 324 €");
  expect(await kpi(page, "tickets")).toBe("56");
  expect(await kpi(page, "complimentaryTickets")).toBe("2");
  expect(await kpi(page, "averageTicketPrice")).toBe("24,52 €");
  expect(await kpi(page, "orders")).toBe("32");
  expect(await kpi(page, "uniqueBuyers")).toBe("30");
  expect(await kpi(page, "newBuyers")).toBe("30");
  // The reservation is shown apart, never as a sale.
  expect(await kpi(page, "pendingReservations")).toBe("2");
  await expect(page.getByText(/^1 commande · 56\s€ en attente de paiement$/)).toBeVisible();
  await screenshotFromTop(page, "import-dashboard");

  // The audience map with the same filters: the three départements of at least 5 spectators.
  await page.getByRole("navigation", { name: "Vues du tableau de bord" }).getByRole("link", { name: "Provenance du public" }).click();
  await expect(page).toHaveURL(/\/ignition\/map\?.*showId=[0-9a-f-]{36}/);
  const departements = page.getByTestId("departement-table");
  expect(await bodyRows(departements)).toEqual([
    ["Rhône (69)", "11", "21", "465 €"],
    ["Loire (42)", "7", "12", "282 €"],
    ["Isère (38)", "6", "11", "267 €"],
  ]);
  // The small ones are one merged row, itself too small to show its figures.
  const other = departements.locator("tfoot tr");
  await expect(other).toHaveCount(1);
  await expect(other.getByRole("rowheader")).toHaveText("Autres (5 zones regroupées)");
  await expect(other).toContainText("masqué (moins de 5 spectateurs)");
  const map = page.getByRole("img", { name: /Spectateurs par département/ });
  for (const code of ["69", "42", "38"]) await expect(map.locator(`path[data-code="${code}"]`)).toHaveAttribute("fill", /^#(?!f1f5f9)/);
  for (const code of ["75", "74", "13", "26", "01"]) await expect(map.locator(`path[data-code="${code}"]`)).toHaveAttribute("fill", "#f1f5f9");
  // By commune, Lyon alone reaches 5 spectators at one performance.
  expect(await bodyRows(page.getByTestId("commune-table"))).toEqual([["Lyon", "Rhône (69)", "8", "16", "352 €"]]);
  await screenshotFromTop(page, "import-map");
});
