// Journey: identity resolution seen by staff. Two imports make two records of one person (one
// with only an e-mail, one with only a phone); a third row with both shows they are the same
// person, and the import merges them. The admin reads the merge history (who into whom, why,
// which import) and undoes the merge; a marketer sees the history without the undo; an analyst
// is refused. The rows are in 2014, outside every period the other journeys look at.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { screenshot, signIn } from "./helpers";

const SLUG = "theatre-lumiere";
const MERGES = `/t/${SLUG}/data/merges`;
const HEADER = "N° commande;N° billet;Date de commande;Spectacle;Date de la représentation;Heure;Salle;Tarif;Prix TTC;Canal de vente;E-mail acheteur;Téléphone;Prénom;Nom;CP";
const line = (n: number, email: string, phone: string, first: string, last: string) =>
  `FUS-${n};FUS-B${n};03/03/2014 10:00;Fusion e2e;30/03/2014;20h30;Studio;Plein tarif;18,00 €;Internet;${email};${phone};${first};${last};69003`;

function csvFile(dir: string, name: string, rows: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, [HEADER, ...rows].join("\n"), "utf8");
  return path;
}

/** Upload → suggested mapping → launch → completed, through the staff UI. */
async function importThroughUi(page: Page, path: string): Promise<void> {
  await page.goto(`/t/${SLUG}/data`);
  await page.getByLabel("Contenu du fichier").selectOption({ label: "Billets et commandes" });
  await page.getByLabel("Fichier d'export").setInputFiles(path);
  await page.getByRole("button", { name: "Envoyer le fichier" }).click();
  await expect(page).toHaveURL(/\/data\/imports\/[0-9a-f-]{36}\/mapping$/);
  await expect(page.getByLabel(/^Téléphone/)).toHaveValue("Téléphone");
  await page.getByRole("button", { name: "Lancer l'import" }).click();
  await expect(page).toHaveURL(/\/data\/imports\/[0-9a-f-]{36}$/);
  await expect(page.getByText(/Import terminé/)).toBeVisible({ timeout: 60_000 });
}

test.describe.serial("spectator merges", () => {
  test("an import merges two records of one person; the admin reads why and undoes it", async ({ page }) => {
    test.setTimeout(180_000);
    const dir = mkdtempSync(join(tmpdir(), "rappel-e2e-merge-"));
    await signIn(page, "admin@lumiere.demo");
    await importThroughUi(page, csvFile(dir, "fusion-1.csv", [line(1, "margaux.fusion@example.fr", "", "Margaux", "Vidal")]));
    await importThroughUi(page, csvFile(dir, "fusion-2.csv", [line(2, "", "06 98 76 54 32", "Margaux", "V.")]));
    await importThroughUi(page, csvFile(dir, "fusion-3.csv", [line(3, "margaux.fusion@example.fr", "+33 6 98 76 54 32", "", "")]));

    await page.goto(`/t/${SLUG}/data`);
    await page.getByRole("link", { name: "Fusions de spectateurs" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Fusions de spectateurs" })).toBeVisible();
    const history = page.getByRole("table", { name: /Fusions de fiches de spectateurs/ });
    const merge = history.getByRole("row", { name: /Margaux Vidal/ });
    await expect(merge).toContainText("Margaux V.");
    await expect(merge).toContainText("Même téléphone");
    await expect(merge).toContainText("1 commande, 1 billet");
    await expect(merge.getByRole("link", { name: "Import fusion-3.csv" })).toBeVisible();
    await screenshot(page, "spectator-merges");

    await merge.getByRole("button", { name: "Annuler la fusion de Margaux V. dans Margaux Vidal" }).click();
    await expect(page.getByRole("status")).toContainText("Fusion annulée");
    await expect(history.getByRole("row", { name: /Margaux Vidal/ })).toContainText(/Annulée le .* par Julien Roux/);
    await expect(history.getByRole("button", { name: /Margaux Vidal/ })).toHaveCount(0);
    await screenshot(page, "spectator-merges-undone");
  });

  test("a marketer sees the history without the undo; an analyst is refused", async ({ page }) => {
    await signIn(page, "marketing@lumiere.demo");
    await page.goto(MERGES);
    await expect(page.getByRole("heading", { level: 1, name: "Fusions de spectateurs" })).toBeVisible();
    await expect(page.getByRole("row", { name: /Margaux Vidal/ })).toBeVisible();
    await expect(page.getByRole("button", { name: /Annuler la fusion/ })).toHaveCount(0);

    await page.context().clearCookies();
    await signIn(page, "analyste@lumiere.demo");
    const response = await page.goto(MERGES);
    expect(response?.status()).toBe(403);
  });
});
