// Journey: a venue imports an export holding unpaid reservations ("Réservé"); the dashboard shows
// them beside the KPIs without counting them as sales, and the performance's page names them.
// A later export where they are paid turns them into sales. The performance is in March 2028,
// a period no other journey looks at.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { screenshot, signIn } from "./helpers";

const SLUG = "theatre-lumiere";
const MARCH_2028 = `/t/${SLUG}/ignition?from=2028-03-01&to=2028-03-31`;
const HEADER = "N° commande;N° billet;Date de commande;Spectacle;Date de la représentation;Heure;Salle;Tarif;Prix TTC;Canal de vente;Statut";

function exportFile(name: string, status: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "rappel-e2e-")), name);
  const rows = [
    `RES-1;RES-B1;02/11/2026 10:00;Les Réservés;15/03/2028;20h30;Studio;Plein tarif;25,00 €;Internet;Payé`,
    `RES-2;RES-B2;03/11/2026 10:00;Les Réservés;15/03/2028;20h30;Studio;Plein tarif;25,00 €;Téléphone;${status}`,
    `RES-2;RES-B3;03/11/2026 10:00;Les Réservés;15/03/2028;20h30;Studio;Tarif réduit;18,00 €;Téléphone;${status}`,
  ];
  writeFileSync(path, [HEADER, ...rows].join("\r\n"), "utf8");
  return path;
}

async function importFile(page: Page, path: string): Promise<void> {
  await page.goto(`/t/${SLUG}/data`);
  await page.getByLabel("Contenu du fichier").selectOption({ label: "Billets et commandes" });
  await page.getByLabel("Fichier d'export").setInputFiles(path);
  await page.getByRole("button", { name: "Envoyer le fichier" }).click();
  await expect(page).toHaveURL(/\/mapping$/);
  await expect(page.getByLabel(/^statut/i)).toHaveValue("Statut");
  await page.getByRole("button", { name: "Lancer l'import" }).click();
  await expect(page.getByText(/Import terminé/)).toBeVisible({ timeout: 60_000 });
}

test("unpaid reservations are shown, not sold, until an export shows them paid", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, "admin@lumiere.demo");
  await importFile(page, exportFile("reservations.csv", "Réservé"));

  await page.goto(MARCH_2028);
  await expect(page.getByTestId("kpi-tickets")).toHaveText("1");
  await expect(page.getByTestId("kpi-pendingReservations")).toHaveText("2");
  // Amounts are formatted with a narrow no-break space before the euro sign.
  await expect(page.getByText(/^1 commande · 43\s€ en attente de paiement$/)).toBeVisible();
  await screenshot(page, "ignition-pending-fr");

  await page.getByTestId("ranking-top").getByRole("link").first().click();
  await expect(page.getByTestId("performance-pending")).toContainText(/2 réservations non payées \(43\s€\)/);
  await screenshot(page, "ignition-pending-performance-fr");

  await importFile(page, exportFile("reservations-payees.csv", "Payé"));
  await page.goto(MARCH_2028);
  await expect(page.getByTestId("kpi-tickets")).toHaveText("3");
  await expect(page.getByTestId("kpi-pendingReservations")).toHaveText("0");
});
