// Journey: the DPO signs in with TOTP, edits an activity of the controller register, sees it in
// the history, exports the register (CSV and PDF), opens a client's processor entry, then records
// a breach and sees its two clocks.
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { screenshot, signIn, totpFor } from "./helpers";

test("the DPO keeps the registers and the breach register", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, "dpo@rappel.demo", { code: await totpFor("dpo@rappel.demo") });
  await page.getByRole("navigation", { name: "Navigation de l'administration" }).getByRole("link", { name: "Registres DPO" }).click();
  await expect(page).toHaveURL(/\/admin\/dpo\/registers$/);
  await expect(page.getByRole("heading", { level: 1, name: "Registres des traitements" })).toBeVisible();
  const activities = page.getByRole("table", { name: "Activités de traitement du registre RT" });
  await expect(activities.getByRole("row")).toHaveCount(7);
  await screenshot(page, "dpo-registers");

  // Edit an activity: one more category of data subjects, with a reason.
  await activities.getByRole("link", { name: "Gestion du personnel" }).click();
  const subjects = page.getByLabel("Catégories de personnes concernées");
  await subjects.fill("Salariés\nStagiaires\nIntermittents du spectacle");
  await page.getByLabel("Motif de la modification").fill("Ajout des intermittents");
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Fiche enregistrée (version 2)." })).toBeVisible();

  // The history shows who changed what.
  const history = page.getByRole("table", { name: /Versions de la fiche/ });
  const v2 = history.getByRole("row", { name: /v2/ });
  await expect(v2).toContainText("Ajout des intermittents");
  // Only the field that changed is listed (the checklists' order is not a change).
  await expect(v2.locator("summary")).toHaveText("Catégories de personnes concernées");
  await v2.locator("summary").click();
  await expect(v2).toContainText("Intermittents du spectacle");
  await screenshot(page, "dpo-register-entry-history");

  // Export the controller register.
  await page.getByRole("link", { name: "Retour aux registres" }).click();
  const exports = page.getByRole("navigation", { name: /Exporter le registre Registre du responsable/ });
  const [csv] = await Promise.all([page.waitForEvent("download"), exports.getByRole("link", { name: "CSV" }).click()]);
  expect(csv.suggestedFilename()).toBe("registre-rt.csv");
  const csvText = readFileSync((await csv.path())!, "utf8");
  expect(csvText).toContain("Intermittents du spectacle");
  expect(csvText.split("\r\n")[0]).toContain("Nom de l'activité");
  const [pdf] = await Promise.all([page.waitForEvent("download"), exports.getByRole("link", { name: "PDF" }).click()]);
  expect(pdf.suggestedFilename()).toBe("registre-rt.pdf");
  expect(readFileSync((await pdf.path())!).subarray(0, 5).toString()).toBe("%PDF-");

  // A client's processor entry is generated from its configuration.
  await page.getByRole("table", { name: "Clients et leur fiche de registre ST" }).getByRole("row", { name: /Théâtre de la Lumière/ }).getByRole("link", { name: "Ouvrir" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Théâtre de la Lumière");
  await expect(page.getByLabel("Catégories de traitements effectués pour le client")).toHaveValue(/Ignition/);

  // Record a breach touching the spectator files and Rappel's own customer processing.
  await page.getByRole("navigation", { name: "Sections du registre DPO" }).getByRole("link", { name: "Violations" }).click();
  await page.getByRole("link", { name: "Consigner une violation" }).click();
  await page.getByLabel("Intitulé").fill("Export de spectateurs envoyé au mauvais destinataire");
  await page.getByLabel(/Confidentialité/).check();
  await page.getByLabel("Fichier des spectateurs").check();
  await page.getByLabel(/RT-03/).check();
  await page.getByLabel("Nombre approximatif de personnes").fill("1200");
  await page.getByLabel("Mesures prises").fill("Lien de téléchargement révoqué");
  await page.getByRole("button", { name: "Consigner" }).click();
  await expect(page).toHaveURL(/\/admin\/dpo\/breaches\/[0-9a-f-]{36}/);
  const cnil = page.getByTestId("cnil-clock");
  await expect(cnil).toContainText("En cours");
  await expect(cnil).toContainText(/Reste 7[01] h/);
  const clients = page.getByTestId("client-clocks");
  await expect(clients).toContainText("Théâtre de la Lumière");
  await expect(clients).toContainText("À informer");
  await screenshot(page, "dpo-breach");

  // Informing a client stops its clock and leaves the draft letter in the record.
  const affected = page.getByRole("table", { name: "Clients touchés et leur information" });
  await affected.getByRole("row", { name: /Théâtre de la Lumière/ }).getByRole("button", { name: "Marquer comme informé" }).click();
  await expect(page.getByRole("status").filter({ hasText: "C'est enregistré." })).toBeVisible();
  await expect(page.getByTestId("client-clocks").locator("li", { hasText: "Théâtre de la Lumière" })).toContainText("Informé");
});

test("the DPO rates a DPIA's risks on the CNIL scales and sees the risk map", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, "dpo@rappel.demo", { code: await totpFor("dpo@rappel.demo") });
  await page.goto("/admin/dpo/dpias");
  await page.getByLabel("Intitulé de la nouvelle AIPD").fill("Campagnes SMS aux spectateurs");
  await page.getByRole("button", { name: "Créer l'AIPD" }).click();
  await expect(page).toHaveURL(/\/admin\/dpo\/dpias\/[0-9a-f-]{36}$/);
  await page.getByLabel("Traitement considéré").fill("Envoi de SMS promotionnels aux spectateurs ayant consenti");
  await page.locator("select[name='risk.illegitimate_access.severity']").selectOption("3");
  await page.locator("select[name='risk.illegitimate_access.likelihood']").selectOption("2");
  await page.locator("input[name='action.0.action']").fill("Chiffrer les numéros de téléphone");
  await page.locator("input[name='action.0.owner']").fill("CTO");
  await page.locator("input[name='action.0.dueDate']").fill("2026-12-15");
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByRole("status").filter({ hasText: "AIPD enregistrée (version 2)." })).toBeVisible();
  await page.reload();
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect(page.getByRole("figure")).toContainText("Accès illégitime à des données : Gravité 3, Vraisemblance 2 (À réduire)");
  await screenshot(page, "dpo-dpia");
  const [pdf] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Exporter en PDF" }).click()]);
  expect(readFileSync((await pdf.path())!).subarray(0, 5).toString()).toBe("%PDF-");
});
