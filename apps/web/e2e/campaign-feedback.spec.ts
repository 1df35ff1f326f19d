// Journey: the marketer sets the DKIM key of the sender identity (a bad key is refused with a
// message tied to the field, nothing typed is lost; a good one shows the DNS record to publish
// and is never shown back), then reads a campaign report with bounces, complaints and the reason
// the campaign was stopped automatically.
import { execFileSync } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { expect, test } from "@playwright/test";
import { fillSignIn, screenshot } from "./helpers";

const BASE = "/t/theatre-lumiere/activation";

test("a marketer sets the DKIM key and sees bounces, complaints and the automatic stop in a report", async ({ page }) => {
  test.setTimeout(180_000);
  const setup = JSON.parse(
    execFileSync(process.execPath, ["--import", "tsx", "e2e/campaign-feedback-setup.ts"], { encoding: "utf8", env: process.env }).trim().split("\n").at(-1)!,
  ) as { campaignId: string };
  await page.goto("/sign-in");
  await fillSignIn(page, "marketing@lumiere.demo");
  await expect(page).not.toHaveURL(/\/sign-in/, { timeout: 60_000 });
  await page.goto(BASE);

  // A sender identity first (the DKIM key belongs to it).
  await page.getByLabel("Nom de l'expéditeur").fill("Théâtre de la Lumière");
  await page.getByLabel("Adresse d'expédition").fill("billetterie@lumiere.example");
  await page.getByRole("button", { name: "Enregistrer l'identité" }).click();
  await expect(page.getByText("Identité enregistrée.")).toBeVisible();

  // A public key pasted by mistake: refused, explained next to the field, the entries kept.
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  await page.getByLabel("Domaine de signature (d=)").fill("lumiere.example");
  await page.getByLabel("Sélecteur (s=)").fill("rappel2026");
  const keyField = page.getByLabel("Clé privée (PEM)");
  await keyField.fill(publicKey.export({ type: "spki", format: "pem" }).toString());
  await page.getByRole("button", { name: "Enregistrer la signature" }).click();
  await expect(page.getByText("C'est une clé publique : collez la clé privée (la publique va dans le DNS).")).toBeVisible();
  await expect(keyField).toHaveAttribute("aria-invalid", "true");
  await expect(keyField).toHaveAccessibleDescription(/C'est une clé publique/);
  await expect(page.getByLabel("Domaine de signature (d=)")).toHaveValue("lumiere.example");
  await expect(keyField).toHaveValue(/BEGIN PUBLIC KEY/);

  await keyField.fill(privateKey.export({ type: "pkcs8", format: "pem" }).toString());
  await page.getByRole("button", { name: "Enregistrer la signature" }).click();
  await expect(page.getByText("Signature DKIM enregistrée.")).toBeVisible();
  const record = page.getByTestId("dkim-record");
  await expect(record).toContainText("rappel2026._domainkey.lumiere.example");
  await expect(record).toContainText("v=DKIM1; k=rsa; p=");
  await expect(page.getByLabel("Clé privée (PEM)")).toHaveValue("");
  await expect(page.locator("body")).not.toContainText("PRIVATE KEY-----");
  await page.evaluate(() => window.scrollTo(0, 0)); // a full-page shot from the top (the header is sticky)
  await screenshot(page, "activation-dkim");

  // The report: bounces (hard and soft), complaints, and why the campaign stopped.
  await page.goto(`${BASE}/campaigns/${setup.campaignId}/report`);
  await expect(page.getByTestId("stop-reason")).toHaveText("Campagne arrêtée automatiquement : la représentation promue est complète (412 billets pour 412 places)");
  const stats = page.getByTestId("report-stats");
  await expect(stats.locator('[data-stat="bounced"]')).toContainText("3");
  await expect(stats.locator('[data-stat="softBounced"]')).toContainText("2");
  await expect(stats.locator('[data-stat="complaints"]')).toContainText("1");
  await expect(stats.locator('[data-stat="skipped"]')).toContainText("7");
  await screenshot(page, "activation-report-feedback");
});
