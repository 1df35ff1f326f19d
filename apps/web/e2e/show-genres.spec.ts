// Journey: an admin gives shows their genre — in bulk from the public catalogue CSV (titles
// matched without case or accents; unknown titles and genres listed, nothing guessed), then one
// show by hand from the fixed taxonomy. The demo show's genre is put back at the end, so the
// journeys that follow see the demo data as seeded.
import { expect, test } from "@playwright/test";
import { screenshot, signIn } from "./helpers";

const SLUG = "theatre-lumiere";
const SHOWS = `/t/${SLUG}/data/shows`;

test("an admin imports the show catalogue and sets a show's genre by hand", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, "admin@lumiere.demo");
  await page.goto(`/t/${SLUG}/data`);
  await page.getByRole("link", { name: "Spectacles et genres" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Spectacles et genres" })).toBeVisible();

  const table = page.getByRole("table", { name: /Spectacles de Théâtre de la Lumière/ });
  const firstRow = table.locator("tbody tr").first();
  const showId = (await firstRow.getAttribute("id"))!.replace(/^show-/, "");
  const title = (await firstRow.locator("th").evaluate((th) => th.firstChild?.textContent ?? "")).trim();
  const select = page.locator(`#genre-${showId}`);
  const original = await select.inputValue();
  const target = original === "cirque" ? "jazz" : "cirque";
  const targetLabel = target === "cirque" ? "Cirque" : "Jazz";

  // The catalogue: the title in capitals, an unknown title, an unknown genre.
  const csv = ["Titre;Genre", `"${title.toUpperCase().replace(/"/g, '""')}";${targetLabel}`, "Spectacle inconnu e2e;Jazz", `"${title.replace(/"/g, '""')}";Conférence`].join("\n");
  await page.getByLabel("Fichier du catalogue (CSV)").setInputFiles({ name: "catalogue.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
  await page.getByRole("button", { name: "Importer le catalogue" }).click();
  const outcome = page.getByRole("status").filter({ hasText: "lignes lues" });
  await expect(outcome).toContainText("3 lignes lues, 1 reconnue : 1 spectacle mis à jour.");
  await expect(outcome).toContainText("Titres sans spectacle correspondant (1) : Spectacle inconnu e2e.");
  await expect(outcome).toContainText("Genres hors de la liste (1) : Conférence.");
  await screenshot(page, "show-genres-catalogue");

  await page.reload();
  await expect(select).toHaveValue(target);

  // By hand, with the keyboard-reachable select and its labelled button.
  await select.selectOption({ label: "Opéra" });
  await page.getByRole("button", { name: `Enregistrer le genre de ${title}` }).click();
  await expect(page.getByRole("status")).toContainText("Genre enregistré.");
  await expect(page.locator(`#genre-${showId}`)).toHaveValue("opera");

  await page.locator(`#genre-${showId}`).selectOption(original);
  await page.getByRole("button", { name: `Enregistrer le genre de ${title}` }).click();
  await expect(page.locator(`#genre-${showId}`)).toHaveValue(original);
});

test("an analyst cannot open the shows screen", async ({ page }) => {
  await signIn(page, "analyste@lumiere.demo");
  const response = await page.goto(SHOWS);
  expect(response?.status()).toBe(403);
});
