// Journey: a tenant owner records a data-subject request from Settings (a bad address is refused
// first, next to its field), follows it on its detail page, and the DPO finds it in the console;
// the DPO then records a rectification request, corrects the person's name, and the owner sees
// the forward, both deadlines and the rectification history on their side. Another tenant's
// owner gets a 404 for the request.
import { execFileSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import { screenshot, signIn, totpFor } from "./helpers";
import { waitForEmail } from "./mailbox";

const OWNER = "direction@rappel.demo"; // owner of Théâtre de la Lumière
const BASE = "/t/theatre-lumiere/settings/privacy-requests";

test("a tenant owner files a request from Settings; the DPO sees it and handles a forwarded rectification", async ({ page, browser }) => {
  test.setTimeout(300_000);
  const stamp = Date.now();
  const email = `demande-${stamp}@example.test`;

  await signIn(page, OWNER, { callbackUrl: BASE });
  await expect(page.getByRole("heading", { level: 1, name: "Demandes d'exercice de droits" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Sections des paramètres" }).getByRole("link", { name: "Demandes des personnes" })).toHaveAttribute("aria-current", "page");

  // A bad address is refused, the error tied to the field.
  await page.getByLabel("Type de demande").selectOption("access");
  await page.getByLabel("Adresse e-mail de la personne").fill("pas-une-adresse");
  await page.getByRole("button", { name: "Enregistrer la demande" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Le formulaire contient des erreurs" })).toBeVisible();
  const field = page.getByLabel("Adresse e-mail de la personne");
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(field).toHaveAccessibleDescription(/Saisissez une adresse e-mail valide/);

  await page.getByLabel("Type de demande").selectOption("access");
  await page.getByLabel("Reçue par").selectOption("letter");
  await field.fill(email);
  await page.getByLabel(/Nom de la personne/).fill("Anne Martin");
  await page.getByLabel(/Précisions/).fill("Courrier reçu à la billetterie.");
  await page.getByRole("button", { name: "Enregistrer la demande" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Demande : Accès" })).toBeVisible();
  await expect(page.getByRole("status")).toContainText("Demande enregistrée");
  await expect(page.getByText(email)).toBeVisible();
  await expect(page.getByText("(saisie par la structure, Courrier)")).toBeVisible();
  // Received by the organisation itself: one clock, its own (no forward, no vendor clock).
  await expect(page.getByTestId("request-due")).toContainText(/\d{4}/);
  await expect(page.getByTestId("client-due")).toHaveCount(0);
  await expect(page.getByTestId("request-history")).toContainText("Demande reçue");
  const ownRequestUrl = page.url();
  await screenshot(page, "privacy-requests-tenant-detail");

  await page.getByRole("link", { name: "Demandes d'exercice de droits" }).click();
  const list = page.getByTestId("tenant-requests");
  await expect(list.getByRole("row").filter({ hasText: "Accès" }).first()).toBeVisible();
  await screenshot(page, "privacy-requests-tenant-list");

  // Another tenant's owner cannot open it (404 from the tenant scope, not a leak).
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, "direction@nuits-ete.demo", { callbackUrl: "/t/festival-nuits-ete" });
  const requestId = ownRequestUrl.split("/").at(-1)!.split("?")[0]!;
  const response = await otherPage.goto(`/t/festival-nuits-ete/settings/privacy-requests/${requestId}`);
  expect(response?.status()).toBe(404);
  await other.close();

  // The DPO sees the tenant's request in the console.
  const dpo = await browser.newContext();
  const dpoPage = await dpo.newPage();
  await signIn(dpoPage, "dpo@rappel.demo", { code: await totpFor("dpo@rappel.demo") });
  await dpoPage.goto("/admin/privacy");
  await dpoPage.getByRole("link", { name: "Théâtre de la Lumière" }).click();
  await dpoPage.getByRole("table", { name: "Demandes des personnes" }).getByRole("link", { name: "Accès" }).first().click();
  await expect(dpoPage.getByText(email)).toBeVisible();
  await expect(dpoPage.getByText("Anne Martin")).toBeVisible();

  // The DPO records a rectification request for a spectator of the demo (received by the vendor):
  // it is forwarded to the tenant by e-mail, and the DPO corrects the person's last name.
  const spectatorEmail = `camille-${stamp}@example.test`;
  seedSpectator(spectatorEmail);
  await dpoPage.goto("/admin/privacy");
  await dpoPage.getByRole("link", { name: "Théâtre de la Lumière" }).click();
  await dpoPage.getByLabel("Type de demande").selectOption("rectification");
  await dpoPage.getByLabel("Adresse e-mail de la personne").fill(spectatorEmail);
  await dpoPage.getByLabel(/Précisions/).fill("Mon nom est mal orthographié.");
  await dpoPage.getByRole("button", { name: "Enregistrer la demande" }).click();
  await expect(dpoPage.getByRole("heading", { level: 1, name: "Demande : Rectification" })).toBeVisible();
  const person = dpoPage.getByRole("group", { name: "Fiche n° 1" });
  await person.getByLabel("Nom", { exact: true }).fill(`Corrigé-${stamp}`);
  await person.getByRole("button", { name: "Enregistrer la correction" }).click();
  await expect(dpoPage.getByRole("status")).toHaveText("Correction enregistrée, avec son historique.");
  await expect(dpoPage.getByTestId("rectification-history")).toContainText(`Corrigé-${stamp}`);
  const rectificationUrl = dpoPage.url().split("?")[0]!;
  const rectificationId = rectificationUrl.split("/").at(-1)!;
  // The worker sends the forward to the tenant's owners, with proof.
  const forward = await waitForEmail((m) => m.text.includes(rectificationId));
  expect(forward.to).toContain(OWNER);
  expect(forward.text).not.toContain(spectatorEmail);
  await expect(async () => {
    await dpoPage.reload();
    await expect(dpoPage.getByTestId("forward-status")).toContainText("Envoyée", { timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
  await screenshot(dpoPage, "privacy-requests-dpo-rectification");
  await dpo.close();

  // The owner sees the forwarded request with both deadlines and the rectification history.
  await page.goto(`${BASE}/${rectificationId}`);
  await expect(page.getByText("(saisie par le DPO)")).toBeVisible();
  await expect(page.getByTestId("forward-status")).toContainText("Envoyée");
  await expect(page.getByTestId("client-due")).toContainText(/\d{4}/);
  await expect(page.getByTestId("rectification-history")).toContainText(`Corrigé-${stamp}`);
  await expect(page.getByTestId("request-history")).toContainText("Transmise à la structure par e-mail");
  await screenshot(page, "privacy-requests-tenant-forwarded");

  // The same page in English (the locale cookie only: the owner's saved choice is left alone).
  const english = await browser.newContext();
  const englishPage = await english.newPage();
  await signIn(englishPage, OWNER, { callbackUrl: BASE });
  await english.addCookies([{ name: "rappel_locale", value: "en", url: new URL(page.url()).origin }]);
  await englishPage.goto(`${BASE}/${rectificationId}`);
  await expect(englishPage.getByRole("heading", { level: 1, name: "Request: Rectification" })).toBeVisible();
  await expect(englishPage.getByText("Organisation's due date")).toBeVisible();
  await screenshot(englishPage, "privacy-requests-tenant-forwarded-en");
  await english.close();
});

/** A spectator of Théâtre de la Lumière with a known address (the satisfaction journey's setup script). */
function seedSpectator(email: string): void {
  execFileSync(process.execPath, ["--import", "tsx", "e2e/satisfaction-setup.ts", email], { encoding: "utf8", env: process.env });
}
