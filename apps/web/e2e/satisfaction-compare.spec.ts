// Journey: staff compare two performances of the same show (NPS, margin, significance, rates,
// questions, and those an older version did not ask), then the two versions of the survey (a
// question only the second asked), then shows (one below the minimum stays hidden); another
// organisation's member gets a 404.
import { execFileSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import { screenshot, signIn } from "./helpers";

test.setTimeout(180_000);

const BASE = "/t/festival-nuits-ete/satisfaction/compare";

test("compares performances, survey versions and shows side by side", async ({ page }) => {
  const setup = JSON.parse(
    execFileSync(process.execPath, ["--import", "tsx", "e2e/satisfaction-compare-setup.ts"], { encoding: "utf8", env: process.env }).trim().split("\n").at(-1)!,
  ) as { surveyId: string; showId: string; otherShowId: string; firstId: string; secondId: string };

  await signIn(page, "direction@nuits-ete.demo", { callbackUrl: "/t/festival-nuits-ete/satisfaction" });
  await page.goto("/t/festival-nuits-ete/satisfaction");
  await page.getByRole("link", { name: "Comparer" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Comparer" })).toBeVisible();

  // Performances of one show: pick the survey and the show, list its performances.
  const form = page.getByRole("form", { name: "Choix de la comparaison" });
  await form.getByLabel("Enquête", { exact: true }).selectOption(setup.surveyId);
  await form.getByLabel("Représentations d'un spectacle").check();
  await form.getByLabel("Spectacle", { exact: true }).selectOption(setup.showId);
  await form.getByRole("button", { name: "Afficher" }).click();
  // One item only: a clear error, and the choice is kept.
  await page.locator(`input[name="item"][value="${setup.firstId}"]`).check();
  await form.getByRole("button", { name: "Afficher" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Cochez au moins deux éléments à comparer." })).toBeVisible();
  await expect(page.locator(`input[name="item"][value="${setup.firstId}"]`)).toBeChecked();
  await page.locator(`input[name="item"][value="${setup.secondId}"]`).check();
  await form.getByRole("button", { name: "Afficher" }).click();

  const overview = page.getByTestId("comparison-overview");
  await expect(overview.getByRole("row", { name: /^Réponses/ })).toContainText("24");
  await expect(overview.getByRole("row", { name: /^Réponses/ })).toContainText("20");
  await expect(overview.getByRole("row", { name: /^Taux de réponse/ })).toContainText("80 %");
  await expect(overview.getByRole("row", { name: /^Taux de réponse/ })).toContainText("66,7 %");
  await expect(overview.getByRole("row", { name: /^NPS/ })).toContainText("75 ±");
  await expect(overview.getByRole("row", { name: /^NPS/ })).toContainText("-30 ±");
  await expect(page.getByTestId(`difference-${setup.secondId}`)).toContainText("-105 ±");
  await expect(page.getByTestId(`difference-${setup.secondId}`)).toContainText("significatif");
  await expect(page.getByTestId("comparison-chart").locator(".recharts-bar-rectangle path")).toHaveCount(2);
  await expect(page.getByTestId("comparison-chart").locator(".recharts-errorBar")).toHaveCount(2);
  await expect(page.getByTestId("comparison-questions")).toContainText("Notez chaque aspect");
  // On the current version's questions: the first performance answered version 1, which asked
  // neither the interval nor "come back", and the page says so.
  const notComparable = page.getByTestId("not-comparable");
  await expect(notComparable.getByRole("listitem")).toHaveCount(2);
  await expect(notComparable).toContainText("La durée de l'entracte était… — la version 1 ne la posait pas ainsi");
  await expect(notComparable).toContainText("Reviendrez-vous cette saison ?");
  await screenshot(page, "satisfaction-compare-performances");

  // Versions: the interval question exists only in version 2.
  await form.getByLabel("Versions de l'enquête").check();
  await form.getByRole("button", { name: "Afficher" }).click();
  await page.locator('input[name="item"][value="1"]').check();
  await page.locator('input[name="item"][value="2"]').check();
  await form.getByRole("button", { name: "Afficher" }).click();
  const questions = page.getByTestId("comparison-questions");
  await expect(questions.getByRole("row", { name: /^Trop longue/ })).toContainText("Non posée");
  await expect(questions.getByRole("row", { name: /^Trop longue/ })).toContainText("%");
  await expect(page.getByTestId("not-comparable")).toHaveCount(0);
  await screenshot(page, "satisfaction-compare-versions");

  // Shows: the one under the minimum of 5 answers shows its count and nothing else.
  await page.goto(`${BASE}?survey=${setup.surveyId}&mode=shows&item=${setup.showId}&item=${setup.otherShowId}&go=1`);
  await expect(page.getByTestId("comparison-overview").getByRole("row", { name: /^NPS/ })).toContainText("Masqué : moins de 5 réponses.");
  await expect(page.getByTestId("comparison-chart").locator(".recharts-bar-rectangle path")).toHaveCount(1);
  await expect(page.getByTestId("comparison-chart").locator(".recharts-errorBar")).toHaveCount(1);
  await screenshot(page, "satisfaction-compare-shows");
});

test("another organisation's comparison page does not exist for a member of this one", async ({ page }) => {
  await signIn(page, "lecture@lumiere.demo");
  const response = await page.goto(BASE);
  expect(response?.status()).toBe(404);
});
