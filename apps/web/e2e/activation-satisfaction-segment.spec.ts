// Journey: a venue's owner builds a segment from satisfaction answers — detractors, then promoters
// who finished the survey — and the live count follows (figures from the comparison's data setup).
import { execFileSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import { fillSignIn, screenshot } from "./helpers";

test("segments on NPS category and on having answered a survey", async ({ page }) => {
  test.setTimeout(180_000);
  const setup = JSON.parse(
    execFileSync(process.execPath, ["--import", "tsx", "e2e/satisfaction-compare-setup.ts"], { encoding: "utf8", env: process.env }).trim().split("\n").at(-1)!,
  ) as { surveyId: string };
  await page.goto("/sign-in");
  await fillSignIn(page, "direction@nuits-ete.demo");
  await expect(page).not.toHaveURL(/\/sign-in/, { timeout: 60_000 });
  await page.goto("/t/festival-nuits-ete/activation");
  await page.getByRole("link", { name: "Nouveau segment" }).click();
  await page.getByLabel("Nom du segment").fill("Détracteurs du festival");
  await page.getByRole("button", { name: "Supprimer la règle « Consentement »" }).click();

  const counter = page.getByTestId("segment-count");
  const count = async () => Number((await counter.innerText()).replace(/\D/g, ""));
  await page.getByLabel("Type de règle").last().selectOption({ label: "NPS (satisfaction)" });
  await page.getByRole("button", { name: "Ajouter la règle" }).click();
  const nps = page.locator('[data-rule="nps"]');
  await nps.getByLabel("Catégorie").selectOption({ label: "Détracteur (0–6)" });
  await nps.getByLabel("Enquête", { exact: true }).selectOption(setup.surveyId);
  // 1 + 11 + 1 detractors across the three performances of the setup.
  await expect(async () => expect(await count()).toBe(13)).toPass({ timeout: 15_000 });
  await screenshot(page, "activation-segment-nps");

  await nps.getByLabel("Catégorie").selectOption({ label: "Promoteur (9–10)" });
  await expect(async () => expect(await count()).toBe(26)).toPass({ timeout: 15_000 });
  await page.getByLabel("Type de règle").last().selectOption({ label: "A répondu à une enquête" });
  await page.getByRole("button", { name: "Ajouter la règle" }).click();
  const answered = page.locator('[data-rule="answered_survey"]');
  await answered.getByLabel("Enquête", { exact: true }).selectOption(setup.surveyId);
  // Every promoter of the setup finished the survey: AND keeps them all, NOT keeps none.
  await expect(async () => expect(await count()).toBe(26)).toPass({ timeout: 15_000 });
  await answered.getByLabel("Exclure (NON)").check();
  await expect(async () => expect(await count()).toBe(0)).toPass({ timeout: 15_000 });
  await answered.getByLabel("Exclure (NON)").uncheck();
  await page.getByRole("button", { name: "Enregistrer le segment" }).click();
  await expect(page.getByText("Segment enregistré.")).toBeVisible();
  // Audience files need the social-network advertising consent: the page says so, and how many qualify.
  const audience = page.getByRole("region", { name: "Audiences personnalisées" });
  await expect(audience.getByText("consentement « Publicité sur les réseaux sociaux »", { exact: false })).toBeVisible();
  await expect(audience.getByText(/sur 26 dans le segment|Aucune des 26 personnes/)).toBeVisible();
  await screenshot(page, "activation-segment-audience");
});
