// Journey: a survey manager builds a page of the survey visually — an NPS, a free text shown only
// when the NPS is ≤ 6, a matrix — watches the live preview follow (display logic included) before
// saving, reorders a choice question's options from the keyboard, switches off the next-show
// suggestions of the thank-you page, meets validation errors next to the fields concerned, is
// warned before leaving with unsaved changes, then saves and finds the page again after a reload.
import { expect, test, type Locator, type Page } from "@playwright/test";
import { signIn } from "./helpers";

test.setTimeout(180_000);

const previewFrame = (page: Page) => page.frameLocator('iframe[title^="Aperçu du questionnaire"]');

async function addQuestion(section: Locator, type: string) {
  await section.getByLabel(/^Nouvelle question/).selectOption({ label: type });
  await section.getByRole("button", { name: "Ajouter la question" }).click();
}

test("a survey manager builds a page visually, with a live preview, and saves it", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  // The admin (who may manage surveys too): the survey manager's account is locked by the sign-in
  // journey's throttling test, which runs earlier in the suite.
  await signIn(page, "admin@lumiere.demo", { callbackUrl: "/t/theatre-lumiere/satisfaction/surveys" });
  await page.getByRole("button", { name: "Créer l'enquête de base" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Questionnaire de base" })).toBeVisible();
  await expect(page.getByText("Tout est enregistré.")).toBeVisible();

  // Core questions are locked: no removal, fixed id and type.
  const corePage = page.getByRole("region", { name: /^Page 1/ });
  const coreNps = corePage.getByRole("article").first();
  await expect(coreNps.getByRole("button", { name: "Retirer : Question 1" })).toBeDisabled();
  await expect(coreNps.getByLabel("Type de question")).toBeDisabled();
  await expect(coreNps.getByLabel("Identifiant stable")).toHaveAttribute("readonly", "");

  // A third page: its first question becomes an NPS, then a free text and a matrix are added.
  await page.getByRole("button", { name: "Ajouter une page" }).click();
  const barPage = page.getByRole("region", { name: /^Page 3/ });
  const nps = barPage.getByRole("article").nth(0);
  await nps.getByLabel("Type de question").selectOption({ label: "NPS (0 à 10)" });
  await nps.getByLabel("Intitulé — français").fill("Recommanderiez-vous notre bar ?");
  await nps.getByLabel("Intitulé — anglais").fill("Would you recommend our bar?");
  await nps.getByLabel("Réponse obligatoire").check();

  await addQuestion(barPage, "Texte libre");
  const followUp = barPage.getByRole("article").nth(1);
  await followUp.getByLabel("Intitulé — français").fill("Qu'est-ce qui n'allait pas au bar ?");
  await followUp.getByLabel("Intitulé — anglais").fill("What was wrong at the bar?");
  await followUp.getByRole("button", { name: "Afficher cette question sous condition…" }).click();
  // The condition starts on the question just before, with the NPS default "≤ 6".
  await expect(followUp.getByLabel("Condition 1 : question")).toHaveValue("question");
  await expect(followUp.getByLabel("Condition 1 : opérateur")).toHaveValue("lte");
  await expect(followUp.getByLabel("Condition 1 : valeur")).toHaveValue("6");

  await addQuestion(barPage, "Matrice (aspects × échelle)");
  const matrix = barPage.getByRole("article").nth(2);
  await matrix.getByLabel("Intitulé — français").fill("Notez le bar");
  await matrix.getByLabel("Aspect 1 — français").fill("Accueil au bar");
  await matrix.getByLabel("Aspect 2 — français").fill("Prix");
  await matrix.getByRole("button", { name: "Ajouter un aspect" }).click();
  await matrix.getByLabel("Aspect 3 — français").fill("Attente");
  await matrix.getByLabel("Échelle", { exact: true }).selectOption("4");
  await expect(page.getByText("Modifications non enregistrées.")).toBeVisible();

  // The preview follows before any save: go to page 3, answer, watch the logic.
  const frame = previewFrame(page);
  await expect(frame.getByRole("heading", { level: 1, name: "Votre avis sur le spectacle" })).toBeVisible();
  // The spectators' own markup and stylesheet (not the app's Tailwind): the header in the brand colour.
  await expect(frame.locator("header.sv-header")).toHaveCSS("background-color", "rgb(31, 58, 104)");
  await expect(frame.locator("form.sv-form")).toBeVisible();
  await frame.getByRole("button", { name: "Suivant" }).click();
  await frame.getByRole("button", { name: "Suivant" }).click();
  await expect(frame.getByText("Page 3 sur 3")).toBeVisible();
  const previewNps = frame.getByRole("group", { name: /Recommanderiez-vous notre bar/ });
  await expect(previewNps).toBeVisible();
  await expect(frame.getByLabel("Qu'est-ce qui n'allait pas au bar ?")).toHaveCount(0);
  await previewNps.getByText("4", { exact: true }).click();
  await expect(frame.getByLabel("Qu'est-ce qui n'allait pas au bar ?")).toBeVisible();
  await previewNps.getByText("9", { exact: true }).click();
  await expect(frame.getByLabel("Qu'est-ce qui n'allait pas au bar ?")).toHaveCount(0);
  await expect(frame.getByRole("group", { name: "Attente", exact: true }).getByText("4", { exact: true })).toBeVisible();
  await expect(frame.getByRole("group", { name: "Attente", exact: true }).getByText("5", { exact: true })).toHaveCount(0);
  // A single-choice question whose options are reordered from the keyboard: the focus follows the
  // moved option (and goes to its other arrow at the top), the preview follows the new order.
  await addQuestion(barPage, "Choix unique");
  const drink = barPage.getByRole("article").nth(3);
  await drink.getByLabel("Intitulé — français").fill("Votre boisson au bar ?");
  await drink.getByLabel("Réponse 1 — français").fill("Café");
  await drink.getByLabel("Réponse 2 — français").fill("Thé");
  await drink.getByRole("button", { name: "Ajouter une réponse" }).click();
  await drink.getByLabel("Réponse 3 — français").fill("Jus de pomme");
  const previewDrink = frame.getByRole("group", { name: /Votre boisson au bar/ });
  await expect(previewDrink.locator("label")).toHaveText(["Café", "Thé", "Jus de pomme"]);
  await expect(drink.getByRole("button", { name: "Monter : Réponse 1" })).toBeDisabled();
  await expect(drink.getByRole("button", { name: "Descendre : Réponse 3" })).toBeDisabled();
  await drink.getByRole("button", { name: "Monter : Réponse 3" }).focus();
  await page.keyboard.press("Enter");
  await expect(drink.getByRole("button", { name: "Monter : Réponse 2" })).toBeFocused();
  await page.keyboard.press("Space");
  await expect(drink.getByRole("button", { name: "Descendre : Réponse 1" })).toBeFocused();
  await expect(drink.getByLabel("Réponse 1 — français")).toHaveValue("Jus de pomme");
  await expect(previewDrink.locator("label")).toHaveText(["Jus de pomme", "Café", "Thé"]);
  await drink.getByRole("button", { name: "Descendre : Réponse 2" }).click();
  await expect(previewDrink.locator("label")).toHaveText(["Jus de pomme", "Thé", "Café"]);

  // The thank-you page's suggestions of next shows: on by default, switched off here.
  const nextShows = page.getByRole("checkbox", { name: "Suggérer les prochains spectacles du lieu" });
  await expect(nextShows).toBeChecked();
  await expect(nextShows).toHaveAccessibleDescription(/jusqu'à trois prochains spectacles/);
  await expect(page.getByRole("group", { name: "Page de remerciement" })).toContainText("Suggérer les prochains spectacles du lieu");
  await nextShows.uncheck();

  // Typing shows at once; the English version is one click away.
  await matrix.getByLabel("Intitulé — français").fill("Notez le bar, s'il vous plaît");
  await expect(frame.getByRole("group", { name: /Notez le bar, s'il vous plaît/ })).toBeVisible();
  await page.getByRole("button", { name: "English" }).click();
  await expect(frame.getByRole("group", { name: /Would you recommend our bar\?/ })).toBeVisible();
  await page.getByRole("button", { name: "Français" }).click();

  // Validation, next to the field: an empty French wording, then a condition on a later question.
  await nps.getByLabel("Intitulé — français").fill("");
  const title = nps.getByLabel("Intitulé — français");
  await expect(title).toHaveAttribute("aria-invalid", "true");
  await expect(nps.getByText("Le texte français est obligatoire.")).toBeVisible();
  await expect(page.getByText("1 problème à corriger avant d'enregistrer.")).toBeVisible();
  await page.getByRole("button", { name: "Enregistrer" }).first().click();
  await expect(page.getByRole("alert").filter({ hasText: "1 problème empêche l'enregistrement" })).toBeFocused();
  await title.fill("Recommanderiez-vous notre bar ?");
  await followUp.getByRole("button", { name: /^Monter/ }).click();
  const movedUp = barPage.getByRole("article").nth(0);
  await expect(movedUp.getByText(/La condition doit porter sur une question posée avant/)).toBeVisible();
  await movedUp.getByRole("button", { name: /^Descendre/ }).click();
  await expect(page.getByText(/problème à corriger/)).toHaveCount(0);

  // Viewport shots (the page is long; a full-page shot would smear the sticky preview).
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: "e2e/screenshots/survey-builder-desktop-top.png" });
  await barPage.getByRole("heading", { name: /^Page 3/ }).evaluate((el) => el.scrollIntoView({ block: "start" }));
  await page.screenshot({ path: "e2e/screenshots/survey-builder-desktop.png" });
  await followUp.screenshot({ path: "e2e/screenshots/survey-builder-logic.png" });
  await drink.screenshot({ path: "e2e/screenshots/survey-builder-choice-order.png" });
  await page.locator('iframe[title^="Aperçu du questionnaire"]').screenshot({ path: "e2e/screenshots/survey-builder-preview-phone.png" });
  await page.getByRole("button", { name: "Ordinateur (1024 px)" }).click();
  await expect(previewFrame(page).getByRole("heading", { level: 1, name: "Votre avis sur le spectacle" })).toBeVisible();
  await page.locator('iframe[title^="Aperçu du questionnaire"]').screenshot({ path: "e2e/screenshots/survey-builder-preview-desktop.png" });
  await page.getByRole("button", { name: "Téléphone (375 px)" }).click();

  // Leaving with unsaved changes asks first; dismissing keeps the page and the edits.
  page.once("dialog", (dialog) => dialog.dismiss());
  await page.getByRole("link", { name: "Verbatims" }).click();
  await expect(page).toHaveURL(/\/satisfaction\/surveys\/[0-9a-f-]{36}/);

  // The JSON view shows the same document.
  await page.getByRole("button", { name: "JSON (avancé)" }).click();
  await expect(page.getByLabel("Questionnaire (JSON)")).toHaveValue(/"Qu'est-ce qui n'allait pas au bar \?"/);
  await expect(page.getByLabel("Questionnaire (JSON)")).toHaveValue(/"suggestNextShows": false/);
  await page.getByRole("button", { name: "Éditeur visuel" }).click();

  await page.getByRole("button", { name: "Enregistrer" }).first().click();
  await expect(page.getByRole("status").filter({ hasText: "Enregistré." })).toBeVisible();
  await page.reload();
  const saved = page.getByRole("region", { name: /^Page 3/ });
  await expect(saved.getByRole("article")).toHaveCount(4);
  await expect(saved.getByRole("article").nth(3).getByLabel("Réponse 1 — français")).toHaveValue("Jus de pomme");
  await expect(saved.getByRole("article").nth(3).getByLabel("Réponse 3 — français")).toHaveValue("Café");
  await expect(page.getByRole("checkbox", { name: "Suggérer les prochains spectacles du lieu" })).not.toBeChecked();
  await expect(saved.getByRole("article").nth(1).getByLabel("Condition 1 : valeur")).toHaveValue("6");
  await expect(saved.getByRole("article").nth(2).getByLabel("Aspect 3 — français")).toHaveValue("Attente");
  await expect(page.getByText("Tout est enregistré.")).toBeVisible();
});
