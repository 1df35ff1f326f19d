// Journey: the DPO signs in with TOTP, shortens a retention period for a tenant, reviews the
// purge preview, approves it, and opens the report once the worker has run it; then a spectator
// files an erasure request on the public form, confirms it with the e-mailed code, and the DPO
// handles it to its receipt.
import { expect, test } from "@playwright/test";
import { account, screenshot, signIn, totpFor } from "./helpers";
import { waitForEmail } from "./mailbox";

test("the DPO reviews a purge preview, approves it and opens the report", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, "dpo@rappel.demo", { code: await totpFor("dpo@rappel.demo") });
  await page.getByRole("navigation", { name: "Navigation de l'administration" }).getByRole("link", { name: "Confidentialité (DPO)" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Console de confidentialité" })).toBeVisible();
  await page.getByRole("link", { name: "Festival des Nuits d'Été" }).click();

  // Keeping customers 12 months instead of 36 is a shortening: no reason needed.
  await page.getByLabel("Catégorie de données").selectOption("customer");
  await page.getByLabel("Base active (mois)").fill("12");
  await page.getByLabel("Archivage intermédiaire (mois)").fill("0");
  await page.getByRole("button", { name: "Enregistrer la durée" }).click();
  await expect(page.getByRole("status")).toHaveText("Durée de conservation enregistrée.");
  await expect(page.getByRole("table", { name: "Référentiel des durées de conservation" }).getByRole("row", { name: /Clients/ })).toContainText("12 mois");

  // Lengthening without a reason is refused.
  await page.getByLabel("Catégorie de données").selectOption("prospect");
  await page.getByLabel("Base active (mois)").fill("60");
  await page.getByRole("button", { name: "Enregistrer la durée" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "needs a recorded reason" })).toBeVisible();

  await page.getByRole("button", { name: "Calculer les purges dues maintenant" }).click();
  await expect(page.getByRole("status")).toHaveText("Calcul des purges effectué.");
  const runs = page.getByRole("table", { name: "Purges" });
  await runs.getByRole("link", { name: "Clients (identité et coordonnées)" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Purge : Clients (identité et coordonnées)" })).toBeVisible();
  const due = Number(await page.getByTestId("purge-due").textContent());
  expect(due).toBeGreaterThan(0);
  await screenshot(page, "privacy-purge-preview");

  await page.getByRole("button", { name: `Approuver la purge de ${due} enregistrements` }).click();
  await expect(page.getByRole("status")).toHaveText(/Purge approuvée/);
  // The worker runs it in the background; the report fills in when it is done.
  await expect(async () => {
    await page.reload();
    await expect(page.getByText("Terminée", { exact: true })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 120_000 });
  const report = page.getByRole("table", { name: "Rapport de purge" });
  await expect(report.getByRole("row", { name: /^spectator delete/ })).toContainText(String(due));
  // The report names who approved it.
  await expect(page.getByRole("region", { name: "Rapport de purge" })).toContainText(account("dpo@rappel.demo").name);
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Exporter le rapport (CSV)" }).click();
  const csv = await (await download).path();
  expect(csv).toBeTruthy();
  await screenshot(page, "privacy-purge-report");
});

test("an erasure request from the public form, verified by e-mailed code, handled to its receipt", async ({ page }) => {
  const email = `canari-${Date.now()}@example.test`;
  await page.goto("/privacy/theatre-lumiere");
  await expect(page.getByRole("heading", { level: 1, name: "Vos données personnelles" })).toBeVisible();
  await page.getByLabel("Type de demande").selectOption("erasure");
  await page.getByLabel("Votre adresse e-mail").fill(email);
  await page.getByRole("button", { name: "Recevoir le code" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Confirmez votre demande" })).toBeVisible();
  const mail = await waitForEmail((m) => m.to.includes(email));
  const code = /(\d{6})/.exec(mail.subject)?.[1];
  expect(code).toBeTruthy();
  await page.getByLabel("Code reçu par e-mail").fill(code!);
  await page.getByRole("button", { name: "Confirmer" }).click();
  await expect(page.getByRole("status")).toContainText("votre demande est confirmée");

  await signIn(page, "dpo@rappel.demo", { code: await totpFor("dpo@rappel.demo") });
  await page.goto("/admin/privacy");
  await page.getByRole("link", { name: "Théâtre de la Lumière" }).click();
  await page.getByRole("table", { name: "Demandes des personnes" }).getByRole("link", { name: "Effacement" }).first().click();
  await expect(page.getByText(email)).toBeVisible();
  await page.getByRole("button", { name: "Effacer la personne partout" }).click();
  await expect(page.getByRole("status")).toHaveText(/Effacement effectué/);
  await expect(page.getByRole("heading", { name: "Récépissé d'effacement" })).toBeVisible();
  const checks = page.getByTestId("receipt-verification");
  await expect(checks).toContainText("spectator.email_bidx : 0");
  await expect(page.getByText(email)).toHaveCount(0);
  await screenshot(page, "privacy-erasure-receipt");
});

test("the retention table says what the engine purges, in which mode, and what the archive means (FR, then EN)", async ({ page }) => {
  await signIn(page, "dpo@rappel.demo", { code: await totpFor("dpo@rappel.demo") });
  await page.getByRole("navigation", { name: "Navigation de l'administration" }).getByRole("link", { name: "Confidentialité (DPO)" }).click();
  await page.getByRole("link", { name: "Théâtre de la Lumière" }).click();
  const table = page.getByRole("table", { name: "Référentiel des durées de conservation" });
  await expect(table.getByRole("row", { name: /Journal d'audit/ })).toContainText("Purge automatique");
  await expect(table.getByRole("row", { name: /Journal d'audit/ })).toContainText("60 mois");
  await expect(table.getByRole("row", { name: /Journal d'audit/ })).toContainText("ancre");
  await expect(table.getByRole("row", { name: /Billets et commandes/ })).toContainText("84 mois");
  await expect(table.getByRole("row", { name: /Comptes du personnel/ })).toContainText("Aucun");
  // Every category is purged by the engine now; the mode says whether the DPO approves first.
  await expect(table.getByText("Suivi manuel")).toHaveCount(0);
  await expect(page.getByTestId("retention-engine-note")).toHaveText(
    "Catégories purgées automatiquement par le calcul quotidien (2 h 30) : 11 sur 11. Mode actuel : chaque purge attend la validation du DPO.",
  );
  await expect(table.getByRole("row", { name: /Journal d'audit/ })).toContainText("Date de l'entrée");
  await page.evaluate(() => window.scrollTo(0, 0)); // the sticky header would cover the table
  await screenshot(page, "privacy-retention-table-fr");

  await page.context().addCookies([{ name: "rappel_locale", value: "en", domain: new URL(page.url()).hostname, path: "/" }]);
  await page.reload();
  const en = page.getByRole("table", { name: "Retention reference table" });
  await expect(en.getByRole("row", { name: /Audit log/ })).toContainText("Automatic purge");
  await expect(en.getByRole("row", { name: /Audit log/ })).toContainText("60 months");
  await expect(en.getByRole("row", { name: /Tickets and orders/ })).toContainText("Kept for accounting");
  await expect(en.getByRole("row", { name: /Tickets and orders/ })).toContainText("Order date");
  await expect(page.getByTestId("retention-engine-note")).toContainText("11 of 11");
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, "privacy-retention-table-en");
});

test("a restriction request handled in the console shows what it still restricts", async ({ page }) => {
  await signIn(page, "dpo@rappel.demo", { code: await totpFor("dpo@rappel.demo") });
  await page.goto("/admin/privacy");
  await page.getByRole("link", { name: "Théâtre de la Lumière" }).click();
  await page.getByLabel("Type de demande").selectOption("restriction");
  await page.getByLabel("Adresse e-mail de la personne").fill(`limite-${Date.now()}@example.test`);
  await page.getByRole("button", { name: "Enregistrer la demande" }).click();
  await page.getByRole("button", { name: "Limiter le traitement" }).click();
  await expect(page.getByRole("status")).toHaveText("Limitation du traitement appliquée.");
  // Nobody in the tenant has this address: nothing is restricted, so there is nothing to lift.
  await expect(page.getByTestId("active-restrictions")).toHaveText("Aucune fiche n'est plus limitée par cette demande.");
  await expect(page.getByRole("button", { name: "Lever la limitation" })).toHaveCount(0);
  await screenshot(page, "privacy-restriction-request");
});
