// Journey: a marketer sets up an A/B subject test (a test send carries the chosen variant) and schedules the campaign in Paris time (from
// a browser in another time zone): a past time is refused with a clear message, a future one is
// shown in Paris time, then rescheduled, listed, unscheduled (back to draft, A/B kept) and sent
// now. The report shows the sample per variant; the marketer moves the decision time (too early
// is refused, a later time is saved); once the wait is over (moved by a script) the worker picks
// the winner and sends it to the rest.
import { execFileSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import { fillSignIn, screenshot } from "./helpers";
import { waitForEmail } from "./mailbox";

const BASE = "/t/theatre-lumiere/activation";
const NAME = `Objets à l'essai ${Date.now().toString(36)}`;
const parisDay = (offsetDays: number) =>
  new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(new Date(Date.now() + offsetDays * 86_400_000));
const parisTime = (at: Date) => new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Paris", hour: "2-digit", minute: "2-digit" }).format(at);

// The browser is in New York: the times typed and shown must still be Paris times.
test.use({ timezoneId: "America/New_York" });

test("a marketer schedules an A/B subject test in Paris time, reschedules, unschedules, sends and sees the winner", async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto("/sign-in");
  await fillSignIn(page, "marketing@lumiere.demo");
  await expect(page).not.toHaveURL(/\/sign-in/, { timeout: 60_000 });
  await page.goto(BASE);
  await page.getByLabel("Nom de l'expéditeur").fill("Théâtre de la Lumière");
  await page.getByLabel("Adresse d'expédition").fill("billetterie@lumiere.example");
  await page.getByRole("button", { name: "Enregistrer l'identité" }).click();
  await expect(page.getByText("Identité enregistrée.")).toBeVisible();

  // A small audience: ticket holders of one performance.
  await page.getByRole("link", { name: "Nouveau segment" }).click();
  const segmentName = `Essai A/B ${Date.now().toString(36)}`;
  await page.getByLabel("Nom du segment").fill(segmentName);
  await page.getByLabel("Type de règle").last().selectOption({ label: "Détient un billet pour" });
  await page.getByRole("button", { name: "Ajouter la règle" }).click();
  await page.getByRole("button", { name: "Enregistrer le segment" }).click();
  await expect(page.getByText("Segment enregistré.")).toBeVisible();

  await page.goto(BASE);
  await page.getByLabel("Nom de la campagne").fill(NAME);
  await page.getByRole("button", { name: "Créer la campagne" }).click();
  await expect(page.getByRole("heading", { level: 1, name: NAME })).toBeVisible();
  await page.getByLabel("Segment").selectOption({ label: segmentName });
  await page.getByLabel("Objet", { exact: true }).fill("Objet A : la saison commence");

  // A/B test: one more subject, half the audience as sample, clicks decide after 1 h.
  await page.getByLabel("Faire un test A/B sur un échantillon").check();
  await page.getByLabel("Objet B").fill("Objet B : dernières places");
  await page.getByLabel("Échantillon (%)").fill("50");
  await page.getByLabel("Critère du gagnant").selectOption({ label: "Taux de clic" });
  await page.getByLabel("Attente avant décision (heures)").fill("1");

  // The test send carries the variant chosen: B here; C, which this test does not have, is refused.
  const testVariant = page.getByLabel("Variante de l'envoi de test");
  await expect(testVariant).toHaveAccessibleDescription("« M'envoyer un test » vous envoie l'objet de cette variante.");
  await testVariant.selectOption({ label: "Variante C" });
  await page.getByRole("button", { name: "M'envoyer un test" }).click();
  await expect(page.getByText("Ce test A/B n'a pas cette variante : renseignez son objet ou choisissez-en une autre pour l'envoi de test.")).toBeVisible();
  await testVariant.selectOption({ label: "Variante B" });
  await page.getByRole("button", { name: "M'envoyer un test" }).click();
  await expect(page.getByText("Test envoyé à votre adresse.")).toBeVisible();
  const variantTest = await waitForEmail((m) => m.to.includes("marketing@lumiere.demo") && m.subject === "[TEST] Objet B : dernières places");
  expect(variantTest.subject).toBe("[TEST] Objet B : dernières places");

  // Scheduling: yesterday is refused, with the message linked to the fields.
  await page.getByLabel("Programmer", { exact: true }).check();
  await page.getByLabel("Date", { exact: true }).fill(parisDay(-1));
  await page.getByLabel("Heure (Paris)").fill("20:00");
  await page.getByRole("button", { name: "Programmer l'envoi" }).click();
  const pastError = page.getByText("Ce moment est déjà passé : choisissez une date et une heure à venir (heure de Paris).");
  await expect(pastError).toBeVisible();
  await expect(page.getByLabel("Date", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Date", { exact: true })).toHaveAttribute("aria-describedby", /schedule-error/);
  await page.evaluate(() => window.scrollTo(0, 0)); // a full-page shot scrolled down shows the sticky header mid-page
  await screenshot(page, "activation-editor-ab-schedule");

  // Tomorrow 20:00 in Paris (02:00 or 14:00 in New York: what the browser's zone would say).
  await page.getByLabel("Date", { exact: true }).fill(parisDay(1));
  await page.getByRole("button", { name: "Programmer l'envoi" }).click();
  await expect(page.getByTestId("scheduled-panel")).toBeVisible();
  await expect(page.getByTestId("scheduled-at")).toContainText(/20:00 \(heure de Paris\)/);
  await page.getByLabel("Nouvelle date").fill(parisDay(2));
  await page.getByLabel("Nouvelle heure (Paris)").fill("09:15");
  await page.getByRole("button", { name: "Reprogrammer" }).click();
  await expect(page.getByText("Nouvelle heure enregistrée.")).toBeVisible();
  await expect(page.getByTestId("scheduled-at")).toContainText(/09:15 \(heure de Paris\)/);
  await screenshot(page, "activation-scheduled-campaign");

  await page.goto(BASE);
  const listed = page.getByRole("listitem").filter({ hasText: NAME });
  await expect(listed).toContainText(/Programmée le .*09:15 \(heure de Paris\)/);

  // Unschedule: back to an editable draft that kept its A/B test.
  await listed.getByRole("link", { name: NAME }).click();
  await page.getByRole("button", { name: "Déprogrammer (revenir au brouillon)" }).click();
  await expect(page.getByLabel("Objet B")).toHaveValue("Objet B : dernières places");
  await expect(page.getByLabel("Faire un test A/B sur un échantillon")).toBeChecked();

  // Send now: the sample leaves at once, the rest waits for the winner.
  await page.getByRole("button", { name: "Envoyer maintenant" }).click();
  await expect(page).toHaveURL(/\/report$/);
  const table = page.getByTestId("ab-variants");
  await expect(async () => {
    await page.reload();
    for (const v of ["A", "B"]) {
      const sent = Number((await table.locator(`tr[data-variant="${v}"] td`).nth(1).innerText()).replace(/\D/g, ""));
      expect(sent).toBeGreaterThan(0);
    }
    await expect(page.getByTestId("ab-decision")).toContainText("sera choisi le");
  }).toPass({ timeout: 120_000, intervals: [2_000] });
  await expect(table.locator('tr[data-variant="A"]')).toContainText("Objet A : la saison commence");

  // Moving the decision: five minutes after launch is too early (the sample needs 30 minutes)…
  const move = page.getByTestId("ab-decide-form");
  const soon = new Date(Date.now() + 5 * 60_000);
  await move.getByLabel("Date de décision").fill(new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(soon));
  await move.getByLabel("Heure de décision (Paris)").fill(parisTime(soon));
  await move.getByRole("button", { name: "Déplacer la décision" }).click();
  await expect(move.getByRole("alert")).toContainText("Trop tôt");
  await expect(move.getByLabel("Heure de décision (Paris)")).toHaveAttribute("aria-invalid", "true");
  await screenshot(page, "activation-report-ab-move-refused");
  // …tomorrow at 10:00 (Paris) is within the 72 hours: saved and shown.
  await move.getByLabel("Date de décision").fill(parisDay(1));
  await move.getByLabel("Heure de décision (Paris)").fill("10:00");
  await move.getByRole("button", { name: "Déplacer la décision" }).click();
  await expect(move.getByRole("status")).toHaveText("Nouvelle heure de décision enregistrée.");
  await expect(page.getByTestId("ab-decision")).toContainText("10:00");
  await screenshot(page, "activation-report-ab-move");

  // The hour is over: the worker decides (no clicks yet: a tie, so A) and sends the rest.
  execFileSync(process.execPath, ["--import", "tsx", "e2e/ab-test-due.ts", NAME], { encoding: "utf8", env: process.env });
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("ab-decision")).toContainText("Gagnante : variante A (taux de clic)");
    await expect(page.locator('[data-stat="pending"] dd').first()).toHaveText("0");
  }).toPass({ timeout: 120_000, intervals: [2_000] });
  await expect(table.locator('tr[data-variant="A"]')).toContainText("Gagnante");
  await screenshot(page, "activation-report-ab");
});
