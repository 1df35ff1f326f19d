// Journey: the marketer builds a segment (live count), composes an e-mail with a merge tag,
// sends herself a test, sends the campaign, follows the link of a received e-mail (signed click
// redirect) and sees the click in the campaign's report.
import { expect, test } from "@playwright/test";
import { waitForEmail } from "./mailbox";
import { fillSignIn, screenshot } from "./helpers";

const BASE = "/t/theatre-lumiere/activation";

test("a marketer segments, composes, tests, sends and sees the click in the report", async ({ page, request }) => {
  test.setTimeout(240_000);
  // Signing in hashes a password (argon2id): give it time on a loaded machine.
  await page.goto("/sign-in");
  await fillSignIn(page, "marketing@lumiere.demo");
  await expect(page).not.toHaveURL(/\/sign-in/, { timeout: 60_000 });
  await page.goto(BASE);
  await expect(page.getByRole("heading", { level: 1, name: "Activation" })).toBeVisible();

  // Sender identity.
  await page.getByLabel("Nom de l'expéditeur").fill("Théâtre de la Lumière");
  await page.getByLabel("Adresse d'expédition").fill("billetterie@lumiere.example");
  await page.getByRole("button", { name: "Enregistrer l'identité" }).click();
  await expect(page.getByText("Identité enregistrée.")).toBeVisible();

  // Segment: e-mail consent (the starter rule) AND holds a ticket for a performance.
  await page.getByRole("link", { name: "Nouveau segment" }).click();
  await page.getByLabel("Nom du segment").fill("Public d'une représentation");
  const counter = page.getByTestId("segment-count");
  await expect(counter).toContainText(/Spectateurs correspondants : [\d\s\u202f]+/);
  const everyone = Number((await counter.innerText()).replace(/\D/g, ""));
  await page.getByLabel("Type de règle").last().selectOption({ label: "Détient un billet pour" });
  await page.getByRole("button", { name: "Ajouter la règle" }).click();
  await expect(async () => {
    const n = Number((await counter.innerText()).replace(/\D/g, ""));
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan(everyone);
  }).toPass({ timeout: 15_000 });
  const audience = Number((await counter.innerText()).replace(/\D/g, ""));
  await screenshot(page, "activation-segment-builder");
  await page.getByRole("button", { name: "Enregistrer le segment" }).click();
  await expect(page.getByText("Segment enregistré.")).toBeVisible();

  // Campaign: subject with a merge tag and fallback, a button linking back to the app.
  await page.goto(BASE);
  await page.getByLabel("Nom de la campagne").fill("Dernières places");
  await page.getByRole("button", { name: "Créer la campagne" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Dernières places" })).toBeVisible();
  await page.getByLabel("Segment").selectOption({ label: "Public d'une représentation" });
  await page.getByLabel("Objet").fill('{{firstName|"Bonjour"}}, il reste des places');
  await page.getByLabel("Pré-en-tête").fill("Réservez avant dimanche");
  const buttonBlock = page.locator('[data-block="button"]');
  await buttonBlock.getByLabel("Lien").fill(`${new URL(page.url()).origin}/sign-in`);
  await page.getByRole("button", { name: "Enregistrer", exact: true }).click();
  await expect(page.getByText("Brouillon enregistré.")).toBeVisible();
  await page.getByRole("button", { name: "Actualiser l'aperçu" }).click();
  await expect(page.getByTestId("preview-subject")).toContainText("il reste des places");
  await expect(page.getByTestId("preview-subject")).not.toContainText("{{");
  // The preview is for a chosen recipient of the segment; past its end, the merge tag's fallback.
  await expect(page.getByTestId("preview-recipient")).toContainText("Aperçu pour :");
  const firstRecipient = await page.getByTestId("preview-recipient").innerText();
  if (audience >= 2) {
    await page.getByLabel("Destinataire n°").fill("2");
    await page.getByRole("button", { name: "Actualiser l'aperçu" }).click();
    await expect(page.getByTestId("preview-recipient")).not.toHaveText(firstRecipient);
  }
  if (audience < 1000) {
    await page.getByLabel("Destinataire n°").fill(String(audience + 1));
    await page.getByRole("button", { name: "Actualiser l'aperçu" }).click();
    await expect(page.getByTestId("preview-recipient")).toContainText("Personne à cette position du segment");
    await expect(page.getByTestId("preview-subject")).toHaveText("Bonjour, il reste des places");
    await page.getByLabel("Destinataire n°").fill("1");
    await page.getByRole("button", { name: "Actualiser l'aperçu" }).click();
    await expect(page.getByTestId("preview-recipient")).toHaveText(firstRecipient);
  }
  await screenshot(page, "activation-editor");

  // Test send to the marketer.
  await page.getByRole("button", { name: "M'envoyer un test" }).click();
  await expect(page.getByText("Test envoyé à votre adresse.")).toBeVisible();
  // The mailbox keeps earlier specs' test sends to the same marketer: match this campaign's subject.
  const testMail = await waitForEmail((m) => m.to.includes("marketing@lumiere.demo") && m.subject.startsWith("[TEST]") && m.subject.endsWith(", il reste des places"));
  expect(testMail.subject).toMatch(/^\[TEST\] .+, il reste des places$/);

  // Send, then follow a received e-mail's tracked link.
  await page.getByRole("button", { name: "Envoyer maintenant" }).click();
  await expect(page).toHaveURL(/\/report$/);
  const received = await waitForEmail((m) => !m.subject.startsWith("[TEST]") && m.subject.endsWith("il reste des places"), 120_000);
  expect(received.headers.get("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
  const link = /href="([^"]*\/m\/c\/[^"]+)"/.exec(received.html)?.[1];
  expect(link, "the e-mail has a tracked link").toBeTruthy();
  const click = await request.get(link!.replaceAll("&amp;", "&"), { maxRedirects: 0 });
  expect(click.status()).toBe(302);
  expect(click.headers().location).toMatch(/\/sign-in$/);
  // A tampered token is refused, not redirected anywhere.
  expect((await request.get(`${link!}x`, { maxRedirects: 0 })).status()).toBe(404);

  await expect(async () => {
    await page.reload();
    await expect(page.locator('[data-stat="clicked"] dd').first()).toHaveText("1");
    const sent = Number((await page.locator('[data-stat="sent"] dd').first().innerText()).replace(/\D/g, ""));
    expect(sent).toBeGreaterThan(0);
    expect(sent).toBeLessThanOrEqual(audience);
  }).toPass({ timeout: 120_000, intervals: [2_000] });
  await screenshot(page, "activation-report");

  // The same screens in English (the language cookie only: the switcher would save English on the shared demo account).
  await page.context().addCookies([{ name: "rappel_locale", value: "en", url: new URL(page.url()).origin }]);
  await page.reload();
  await expect(page.locator('[data-stat="clicked"] dt')).toHaveText("Clicks");
  await screenshot(page, "activation-report-en");
  await page.goto(BASE);
  await page.getByRole("link", { name: "New segment" }).click();
  await expect(page.getByTestId("segment-count")).toContainText(/Matching spectators: [\d,]+/);
  await screenshot(page, "activation-segment-builder-en");
  await page.goto(BASE);
  await page.getByLabel("Campaign name").fill("Last seats (EN screenshot)");
  await page.getByRole("button", { name: "Create the campaign" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Last seats (EN screenshot)" })).toBeVisible();
  await page.getByLabel("Segment", { exact: true }).selectOption({ label: "Public d'une représentation" });
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Draft saved.")).toBeVisible();
  await page.getByRole("button", { name: "Refresh the preview" }).click();
  await expect(page.getByTestId("preview-recipient")).toContainText("Preview for:");
  await screenshot(page, "activation-editor-en");
});
