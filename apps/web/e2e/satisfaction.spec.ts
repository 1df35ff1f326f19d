// Journey: a performance has ended → a survey manager switches the core survey on → the worker
// sends the invitation through the run's SMTP peer → the spectator opens the link from the
// received e-mail on a phone, answers (the score clicked in the e-mail is already recorded) →
// the staff results page and the verbatims show the answer.
import { execFileSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import { waitForEmail } from "./mailbox";
import { expectNoHorizontalOverflow, screenshot, signIn } from "./helpers";

test.setTimeout(240_000);

test("a spectator answers the post-show survey from the e-mail, and staff see it", async ({ page, browser }) => {
  const email = `camille.${Date.now()}@example.test`;
  const setup = JSON.parse(
    execFileSync(process.execPath, ["--import", "tsx", "e2e/satisfaction-setup.ts", email], { encoding: "utf8", env: process.env }).trim().split("\n").at(-1)!,
  ) as { showId: string; showTitle: string };

  // Staff: create the core survey, send it for this show only, no quiet hours (the run may be at night).
  await signIn(page, "enquetes@lumiere.demo", { callbackUrl: "/t/theatre-lumiere/satisfaction" });
  await page.goto("/t/theatre-lumiere/satisfaction/surveys");
  await page.getByRole("button", { name: "Créer l'enquête de base" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Questionnaire de base" })).toBeVisible();
  await page.getByLabel("Réponses minimum pour afficher un résultat").fill("1");
  await page.getByRole("button", { name: "Enregistrer" }).first().click();
  await expect(page.getByRole("status").filter({ hasText: "Enregistré." })).toBeVisible();
  await page.getByLabel("Spectacles / Shows").selectOption(setup.showId);
  await page.getByLabel("De / From").fill("0");
  await page.getByLabel("À / To").fill("0");
  await page.getByRole("button", { name: "Enregistrer" }).nth(1).click();
  await expect(page.getByRole("status").filter({ hasText: "Enregistré." })).toBeVisible();
  await page.getByRole("button", { name: "Activer" }).click();
  await expect(page.getByText("Active · Version 1")).toBeVisible();
  await screenshot(page, "satisfaction-builder");

  // The worker's planner runs every minute: wait for the invitation in the SMTP peer's mailbox.
  const mail = await waitForEmail((m) => m.to.includes(email), 150_000);
  expect(mail.subject).toBe(`votre avis sur ${setup.showTitle}`);
  expect(mail.headers.get("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
  // The e-mail links to the short address (/s/<code>) and loads the open pixel from it.
  const scoreLink = /(https?:\/\/\S+\/s\/[0-9A-Za-z]{12,15})\?nps=4/.exec(mail.text);
  expect(scoreLink).not.toBeNull();
  expect(mail.html).toContain(`<img src="${scoreLink![1]}/o.gif"`);
  const mailPage = await browser.newPage({ viewport: { width: 640, height: 900 } });
  await mailPage.setContent(mail.html);
  await mailPage.screenshot({ path: "e2e/screenshots/satisfaction-email.png", fullPage: true });
  await mailPage.close();

  // The spectator, on a phone, clicks "4" in the e-mail.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: "fr-FR" });
  const spectator = await phone.newPage();
  // The mail client loads the pixel first: a GIF, whatever happens next.
  const pixel = await spectator.request.get(`${scoreLink![1]}/o.gif`);
  expect(pixel.headers()["content-type"]).toBe("image/gif");
  await spectator.goto(`${scoreLink![1]}?nps=4`);
  await expect(spectator.getByRole("heading", { level: 1, name: "Votre avis sur le spectacle" })).toBeVisible();
  const nps = spectator.getByRole("group", { name: /Recommanderiez-vous ce spectacle/ });
  await expect(nps.getByRole("radio", { name: "4", exact: true })).toBeChecked();
  // NPS ≤ 6: the follow-up is on screen (the score was recorded before the page was drawn).
  await spectator.getByLabel("Qu'est-ce qui vous a déçu·e ?").fill("On entendait mal le son au balcon <b>vraiment</b>");
  await expectNoHorizontalOverflow(spectator);
  await screenshot(spectator, "satisfaction-answer-page-1");
  await spectator.getByRole("button", { name: "Suivant" }).click();

  await expect(spectator.getByText("Page 2 sur 2")).toBeVisible();
  await spectator.getByRole("group", { name: "Son", exact: true }).getByText("2", { exact: true }).click();
  await spectator.getByRole("group", { name: "Accueil", exact: true }).getByText("5", { exact: true }).click();
  await spectator.getByLabel("Un commentaire pour l'équipe ?").fill("Accueil très chaleureux.");
  await screenshot(spectator, "satisfaction-answer-page-2");
  await spectator.getByRole("button", { name: "Envoyer mes réponses" }).click();
  await expect(spectator.getByRole("heading", { level: 1, name: "Merci !" })).toBeVisible();
  // The venue's next shows (the demo venue may have others before it: at most three are listed).
  const nextShows = spectator.getByRole("region", { name: /Prochainement chez/ });
  await expect(nextShows).toBeVisible();
  await expectNoHorizontalOverflow(spectator);
  await screenshot(spectator, "satisfaction-thanks");

  // Coming back shows the thank-you page; the answers stay editable.
  await spectator.goto(scoreLink![1]!);
  await expect(spectator.getByRole("heading", { level: 1, name: "Merci !" })).toBeVisible();
  await phone.close();

  // Staff: the results and the comment (escaped, never interpreted as HTML).
  await page.goto("/t/theatre-lumiere/satisfaction");
  await expect(page.getByTestId("responses-count")).toHaveText("1");
  await expect(page.getByTestId("nps-value")).toHaveText("-100");
  await screenshot(page, "satisfaction-results");
  await page.goto("/t/theatre-lumiere/satisfaction/verbatims?score=detractors&topic=sound");
  await expect(page.getByTestId("verbatim").first()).toContainText("On entendait mal le son au balcon <b>vraiment</b>");
  await screenshot(page, "satisfaction-verbatims");
});
