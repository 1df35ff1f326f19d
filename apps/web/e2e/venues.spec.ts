// Journey: an admin completes a venue (an import only knows its name): a wrong capacity and a
// postal code that does not exist are refused under their fields, then a postal code places the
// venue at its commune's centre. The venue's original values are put back at the end, so the
// journeys that follow see the demo data as seeded.
import { expect, test } from "@playwright/test";
import { screenshot, signIn } from "./helpers";

const SLUG = "theatre-lumiere";

test("an admin sets a venue's capacity and place, with errors under their fields", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, "admin@lumiere.demo");
  await page.goto(`/t/${SLUG}/data`);
  await page.getByRole("link", { name: "Salles" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Salles" })).toBeVisible();
  const firstRow = page.getByRole("table", { name: /Salles de Théâtre de la Lumière/ }).locator("tbody tr").first();
  const name = (await firstRow.locator("th").innerText()).trim();
  await firstRow.getByRole("link", { name: `Modifier ${name}` }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();

  const fields = ["Jauge (places)", /^Adresse/, "Code postal", /^Commune/, /^Latitude/, /^Longitude/] as const;
  const original = await Promise.all(fields.map((f) => page.getByLabel(f).inputValue()));

  await page.getByLabel("Jauge (places)").fill("-3");
  await page.getByLabel("Code postal").fill("690");
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByText("Indiquez un nombre entier de places, 0 ou plus.")).toBeVisible();
  await expect(page.getByText("Un code postal français a 5 chiffres.")).toBeVisible();
  await expect(page.getByLabel("Jauge (places)")).toBeFocused();

  await page.getByLabel("Jauge (places)").fill("480");
  await page.getByLabel("Code postal").fill("00000");
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByText("Ce code postal n'existe pas dans la base officielle des communes.")).toBeVisible();

  await page.getByLabel("Code postal").fill("69001");
  await page.getByLabel(/^Commune/).fill("Lyon");
  await page.getByLabel(/^Latitude/).fill("");
  await page.getByLabel(/^Longitude/).fill("");
  await page.getByRole("button", { name: "Enregistrer" }).click();
  const saved = page.getByRole("status");
  await expect(saved).toContainText("Salle enregistrée");
  await expect(saved).toContainText(/Position : 45\.7\d+, 4\.8\d+\./);
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, "venue-edit");

  await page.goto(`/t/${SLUG}/data/venues`);
  await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText("480");
  await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText("69001 Lyon");

  // Put the demo venue back as it was.
  await page.getByRole("link", { name: `Modifier ${name}` }).click();
  for (const [i, f] of fields.entries()) await page.getByLabel(f).fill(original[i]!);
  await page.getByLabel(/Appliquer aussi cette jauge/).uncheck();
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByRole("status")).toContainText("Salle enregistrée");
});
