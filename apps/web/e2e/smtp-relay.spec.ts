// Journey: the marketer points campaigns at the venue's own SMTP relay. A bad entry is refused
// next to its field with what was typed kept; the connection test logs in to a real SMTP peer
// (a wrong password is reported as such, nothing is sent); the saved password is never shown
// back; going back to the platform's relay leaves the demo tenant as the other journeys expect.
import { expect, test } from "@playwright/test";
import { startSmtpPeer } from "@rappel/mail/testing";
import { fillSignIn, screenshot } from "./helpers";

const BASE = "/t/theatre-lumiere/activation";
const LOGIN = { user: "lumiere@relais.example", pass: "relais-secret-2026" };

test("a marketer sets, tests and removes the venue's own SMTP relay", async ({ page }) => {
  const relay = await startSmtpPeer({ auth: LOGIN });
  try {
    // The SMS settings form has its own password and rate fields: these are found by their ids.
    await page.goto("/sign-in");
    await fillSignIn(page, "marketing@lumiere.demo");
    await expect(page).not.toHaveURL(/\/sign-in/, { timeout: 60_000 });
    await page.goto(BASE);
    await expect(page.getByTestId("smtp-relay-current")).toHaveText("Aucun relais propre : les campagnes partent par le relais de la plateforme.");

    // A host with a space: refused, explained next to the field, the entries kept.
    const host = page.getByLabel("Serveur SMTP", { exact: true });
    await host.fill("smtp relais");
    await page.locator("#smtp-port").fill(String(relay.port));
    await page.getByRole("radio", { name: "Aucun (réseau privé uniquement)" }).check();
    await page.locator("#smtp-username").fill(LOGIN.user);
    await page.getByRole("button", { name: "Enregistrer le relais" }).click();
    await expect(host).toHaveAttribute("aria-invalid", "true");
    await expect(host).toHaveAccessibleDescription(/Saisissez un nom de serveur/);
    await expect(page.locator("#smtp-username")).toHaveValue(LOGIN.user);

    // A wrong password: the test connection says the relay refused the login.
    await host.fill("127.0.0.1");
    await page.locator("#smtp-password").fill("pas-le-bon");
    await page.getByRole("button", { name: "Tester la connexion" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Le relais a refusé l'identifiant ou le mot de passe." })).toBeVisible();

    await page.locator("#smtp-password").fill(LOGIN.pass);
    await page.getByRole("button", { name: "Tester la connexion" }).click();
    await expect(page.getByText("Connexion réussie : le relais a accepté la connexion et l'identification. Aucun message n'a été envoyé.")).toBeVisible();

    await page.locator("#smtp-password").fill(LOGIN.pass);
    await page.getByRole("button", { name: "Enregistrer le relais" }).click();
    await expect(page.getByText("Relais enregistré.")).toBeVisible();
    await page.reload();
    await expect(page.getByTestId("smtp-relay-current")).toHaveText(`Les campagnes partent par 127.0.0.1:${relay.port}.`);
    await expect(page.locator("#smtp-password")).toHaveValue("");
    await expect(page.locator("#smtp-password")).toHaveAccessibleDescription(/Un mot de passe est enregistré/);
    await expect(page.locator("body")).not.toContainText(LOGIN.pass);

    // The kept password still logs in (left empty, same host and user).
    await page.getByRole("button", { name: "Tester la connexion" }).click();
    await expect(page.getByText(/Connexion réussie/)).toBeVisible();
    expect(relay.messages).toHaveLength(0);
    await page.getByTestId("smtp-relay-current").scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollTo(0, 0)); // a full-page shot from the top (the header is sticky)
    await screenshot(page, "activation-smtp-relay");

    await page.getByRole("button", { name: "Revenir au relais de la plateforme" }).click();
    await expect(page.getByText("Relais retiré : les campagnes partent par le relais de la plateforme.")).toBeVisible();
  } finally {
    await relay.stop();
  }
});
