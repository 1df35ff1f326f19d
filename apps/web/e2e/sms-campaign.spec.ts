// Journey: the marketer configures the venue's SMS provider (a wrong address is refused next to
// its field) and its send window (days, hours), creates an SMS campaign, and composes it: the counters follow the typing, a "—"
// switches the message to UCS-2 and is highlighted as the culprit, the opt-out mention is counted,
// an invalid sender id is refused with its reason, and the draft is saved. Saving SMPP settings
// that name a running SMSC gets the worker bound to it within seconds (the settings-changed
// signal; the worker's own scan runs only once a minute), and moving away closes that bind.
import { expect, test } from "@playwright/test";
import { startSmscSimulator } from "@rappel/sms/testing";
import { fillSignIn, screenshot } from "./helpers";

const BASE = "/t/theatre-lumiere/activation";

test("a marketer configures SMS and composes an SMS campaign with live counts", async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto("/sign-in");
  await fillSignIn(page, "marketing@lumiere.demo");
  await expect(page).not.toHaveURL(/\/sign-in/, { timeout: 60_000 });
  await page.goto(BASE);

  // SMS settings: a wrong address is refused at its field, then saved.
  const settings = page.locator("form", { has: page.getByRole("button", { name: "Enregistrer les réglages SMS" }) });
  await settings.getByLabel("Adresse du fournisseur").fill("http://wrong");
  await settings.getByLabel("Identifiant SMPP (system id)").fill("lumiere");
  await settings.getByRole("button", { name: "Enregistrer les réglages SMS" }).click();
  const endpoint = settings.getByLabel("Adresse du fournisseur");
  await expect(endpoint).toHaveAttribute("aria-invalid", "true");
  await expect(settings.getByText("Adresse attendue : smpp://hôte:port (SMPP) ou https://… (HTTP).")).toBeVisible();
  await endpoint.fill("smpp://smsc.lumiere.example:2775");
  await settings.getByLabel("Mot de passe SMPP").fill("secret-smpp");
  await settings.getByLabel("Jours fériés d'Alsace-Moselle (Vendredi saint, 26 décembre)").check();
  // The send window: days and hours; an end before the start is refused at its field.
  await expect(settings.getByRole("group", { name: "Jours d'envoi" })).toBeVisible();
  await settings.getByLabel("Samedi", { exact: true }).uncheck();
  await settings.getByLabel("Début des envois (heure de Paris)").fill("19:00");
  await settings.getByLabel("Fin des envois (heure de Paris)").fill("09:00");
  await settings.getByRole("button", { name: "Enregistrer les réglages SMS" }).click();
  await expect(settings.getByLabel("Fin des envois (heure de Paris)")).toHaveAttribute("aria-invalid", "true");
  await expect(settings.getByLabel("Fin des envois (heure de Paris)")).toHaveAccessibleDescription("L'heure de fin doit suivre l'heure de début.");
  await settings.getByLabel("Début des envois (heure de Paris)").fill("09:30");
  await settings.getByLabel("Fin des envois (heure de Paris)").fill("19:00");
  await settings.getByRole("button", { name: "Enregistrer les réglages SMS" }).click();
  await expect(settings.getByText("Réglages SMS enregistrés.")).toBeVisible();
  await page.reload();
  await expect(settings.getByLabel("Samedi", { exact: true })).not.toBeChecked();
  await expect(settings.getByLabel("Vendredi", { exact: true })).toBeChecked();
  await expect(settings.getByLabel("Début des envois (heure de Paris)")).toHaveValue("09:30");
  await expect(settings.getByLabel("Fin des envois (heure de Paris)")).toHaveValue("19:00");
  await expect(page.getByText("Un secret est enregistré (chiffré) ; laissez vide pour le conserver.")).toBeVisible();
  await settings.scrollIntoViewIfNeeded();
  await page.screenshot({ path: "e2e/screenshots/sms-settings.png" });

  // A reachable SMSC: the worker binds as soon as the settings are saved, then unbinds when they move.
  const smsc = await startSmscSimulator({ systemId: "lumiere", password: "secret-smpp" });
  try {
    await endpoint.fill(smsc.url);
    await settings.getByRole("button", { name: "Enregistrer les réglages SMS" }).click();
    await expect(settings.getByText("Réglages SMS enregistrés.")).toBeVisible();
    await expect.poll(() => smsc.boundSessions(), { timeout: 5_000 }).toBe(1);
    await endpoint.fill("smpp://smsc.lumiere.example:2775");
    await settings.getByRole("button", { name: "Enregistrer les réglages SMS" }).click();
    await expect.poll(() => smsc.boundSessions(), { timeout: 5_000 }).toBe(0);
  } finally {
    await smsc.stop();
  }

  // A new SMS campaign.
  await page.getByLabel("Nom de la campagne").fill("Relance SMS");
  await page.getByLabel("Canal").selectOption("sms");
  await page.getByRole("button", { name: "Créer la campagne" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Relance SMS" })).toBeVisible();
  const segmentOptions = page.getByLabel("Segment").locator("option");
  if ((await segmentOptions.count()) > 1) await page.getByLabel("Segment").selectOption({ index: 1 });

  const message = page.getByLabel("Message", { exact: true });
  const counters = page.getByTestId("sms-counters");
  await expect(counters).toHaveAttribute("aria-live", "polite");
  // GSM-7: accents of the GSM alphabet stay in it; the mention (14 characters with its line break) is counted.
  await message.fill("Ce soir à 20 h, dernières places !");
  await expect(counters.locator('[data-counter="encoding"]')).toHaveText("GSM-7");
  await expect(counters.locator('[data-counter="units"]')).toHaveText(String("Ce soir à 20 h, dernières places !".length + 1 + "STOP au 36180".length));
  await expect(page.getByTestId("sms-preview")).toContainText("STOP au 36180");
  await expect(page.getByTestId("sms-preview").locator("mark")).toHaveCount(0);
  // A dash that is not in the GSM alphabet forces UCS-2, and is named and highlighted.
  await message.fill("Ce soir à 20 h — dernières places pour {{firstName|\"vous\"}} !");
  await expect(counters.locator('[data-counter="encoding"]')).toHaveText("UCS-2");
  await expect(counters).toContainText("UCS-2 (70 caractères par SMS) à cause de : « — »");
  await expect(counters.locator('[data-counter="segments"]')).toHaveText("1");
  await expect(page.getByTestId("sms-preview").locator("mark")).toHaveText(["— (force le codage UCS-2)"]);

  // An invalid sender id is refused next to its field; a valid one saves the draft.
  await page.getByLabel("Expéditeur").fill("Théâtre Lumière");
  await page.getByLabel("Numéro pour l'envoi de test").fill("+33 6 12 34 56 78");
  await page.getByRole("button", { name: "Enregistrer", exact: true }).click();
  await expect(page.getByText("Expéditeur : 1 à 11 lettres ou chiffres (au moins une lettre), ou un numéro.")).toBeVisible();
  await expect(page.getByLabel("Expéditeur")).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("Expéditeur").fill("LUMIERE");
  // The promoted performance, as for e-mail: the campaign stops by itself once it sells out or is cancelled.
  const promoted = page.getByLabel("Représentation promue (facultatif)");
  await expect(promoted).toHaveAccessibleDescription("La campagne s'arrête d'elle-même si cette représentation est complète ou annulée.");
  await expect(promoted.locator("option").nth(1)).toBeAttached();
  const chosen = await promoted.locator("option").nth(1).getAttribute("value");
  await promoted.selectOption(chosen!);
  await page.getByRole("button", { name: "Enregistrer", exact: true }).click();
  await expect(page.getByText("Brouillon enregistré.")).toBeVisible();
  // The viewport, scrolled to the top (a full-page capture repeats the sticky header mid-page).
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.setViewportSize({ width: 1280, height: 1320 });
  await screenshot(page, "sms-editor-ucs2");

  // The draft keeps the text, and the sender id.
  await page.reload();
  await expect(page.getByLabel("Message", { exact: true })).toHaveValue("Ce soir à 20 h — dernières places pour {{firstName|\"vous\"}} !");
  await expect(page.getByLabel("Expéditeur")).toHaveValue("LUMIERE");
  await expect(page.getByLabel("Représentation promue (facultatif)")).toHaveValue(chosen!);
});
