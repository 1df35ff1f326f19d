// Journey: the DPO (signed in with TOTP) offboards the throwaway tenant the e2e fixtures create
// (never a demo tenant): starts it with the contract reference, waits for the worker's export,
// downloads the archive, records the client's confirmation (re-typing the slug), launches the
// destruction, then downloads the signed attestation and sees it verified. A tenant member is
// refused the offboarding pages and downloads.
import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { screenshot, signIn, totpFor } from "./helpers";
import { OFFBOARDING_TENANT } from "./offboarding-fixture";

async function waitForStatus(page: Page, status: string): Promise<void> {
  // The page refreshes itself while a worker step runs; reloading covers a missed refresh.
  await expect(async () => {
    await expect(page.getByTestId("offboarding-status")).toHaveText(status, { timeout: 2_000 });
  }).toPass({ timeout: 120_000 });
}

async function downloaded(page: Page, link: string): Promise<Buffer> {
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: link }).click();
  return readFile((await (await download).path())!);
}

test("the DPO exports, has the client confirm, destroys a tenant and gets a verified attestation", async ({ page, context, baseURL }) => {
  test.setTimeout(300_000);
  await signIn(page, "dpo@rappel.demo", { code: await totpFor("dpo@rappel.demo") });
  await page.goto("/admin/privacy");
  await expect(page.getByRole("region", { name: "Clés maîtresses" }).getByRole("row", { name: /mk1/ })).toBeVisible();
  await screenshot(page, "privacy-master-keys");
  await page.getByRole("link", { name: OFFBOARDING_TENANT.name }).click();
  await page.getByRole("link", { name: "Réversibilité et fin de contrat" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Réversibilité et destruction des données" })).toBeVisible();
  const tenantPath = new URL(page.url()).pathname.replace(/\/offboarding$/, "");

  // An empty contract reference is refused, the message tied to the field.
  await page.getByRole("button", { name: "Démarrer l’export" }).click();
  await expect(page.getByLabel("Référence du contrat")).toHaveAccessibleDescription(/Indiquez la référence du contrat\./);
  await page.getByLabel("Référence du contrat").fill("CT-2024-017");
  await page.getByRole("button", { name: "Démarrer l’export" }).click();
  await expect(page.getByRole("status").first()).toHaveText("Réversibilité demandée : l’export est en cours.");
  await waitForStatus(page, "exportée");

  const archive = await downloaded(page, "Télécharger l’archive (zip avec le reçu)");
  expect(archive.subarray(0, 2).toString()).toBe("PK");
  await expect(page.getByRole("region", { name: "Reçu de l’export" })).toContainText(/SHA-256 du manifeste\s*[0-9a-f]{64}/);
  await screenshot(page, "privacy-offboarding-exported");

  // The client's confirmation: a wrong slug is refused on its field.
  const today = new Date().toISOString().slice(0, 10);
  await page.getByLabel("Référence de la confirmation").fill("Courrier recommandé 1A 234");
  await page.getByLabel("Date de la confirmation du client").fill(today);
  await page.getByLabel(/Pour confirmer, saisissez l’identifiant du client/).fill("theatre-lumiere");
  await page.getByRole("button", { name: "Enregistrer la confirmation" }).click();
  await expect(page.getByLabel(/Pour confirmer, saisissez l’identifiant du client/)).toHaveAccessibleDescription(/ne correspond pas/);
  await page.getByLabel("Référence de la confirmation").fill("Courrier recommandé 1A 234");
  await page.getByLabel("Date de la confirmation du client").fill(today);
  await page.getByLabel(/Pour confirmer, saisissez l’identifiant du client/).fill(OFFBOARDING_TENANT.slug);
  await page.getByRole("button", { name: "Enregistrer la confirmation" }).click();
  await expect(page.getByRole("status").first()).toHaveText("Confirmation du client enregistrée.");
  await expect(page.getByTestId("offboarding-status")).toHaveText("confirmée par le client");

  await page.getByRole("button", { name: "Lancer la destruction" }).click();
  await waitForStatus(page, "détruite");
  const attestation = page.getByRole("region", { name: "Attestation de destruction" });
  await expect(attestation).toContainText("Signature vérifiée (clé dérivée de la clé maîtresse mk1).");
  await expect(page.getByRole("region", { name: "Reçu de l’export" })).toContainText("L’archive a été détruite avec les données ; le reçu reste.");
  const pdf = await downloaded(page, "Télécharger l’attestation signée (PDF)");
  expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  await page.reload();
  await expect(page.getByRole("region", { name: "Journal de la réversibilité" })).toContainText("Attestation téléchargée");
  await screenshot(page, "privacy-offboarding-destroyed");

  // The destroyed tenant's privacy page leads to its offboarding record (nothing else is left).
  await page.goto(tenantPath);
  await expect(page).toHaveURL(new RegExp(`${tenantPath}/offboarding$`));

  // The same screen in English (the language cookie only).
  await context.addCookies([{ name: "rappel_locale", value: "en", url: baseURL! }]);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Offboarding and data destruction" })).toBeVisible();
  await expect(page.getByTestId("offboarding-status")).toHaveText("destroyed");
  await screenshot(page, "privacy-offboarding-destroyed-en");
  await context.clearCookies();

  // A tenant member (not a platform role) is refused the page and the downloads.
  await signIn(page, "admin@lumiere.demo");
  for (const path of [`${tenantPath}/offboarding`, `${tenantPath}/offboarding/attestation`, `${tenantPath}/offboarding/archive`]) {
    expect((await page.request.get(path, { maxRedirects: 0 })).status(), path).toBe(403);
  }
});
