// Journey: a signed-out visitor is sent to sign in, is refused with a wrong password, then signs
// in and comes back to the page they asked for.
import { expect, test } from "@playwright/test";
import { fillSignIn, screenshot, signInAlert } from "./helpers";

test("a signed-out visitor signs in and lands on the page they asked for", async ({ page }) => {
  await page.goto("/t/theatre-lumiere/satisfaction");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Ft%2Ftheatre-lumiere%2Fsatisfaction/);
  await expect(page.getByRole("heading", { level: 1, name: "Connexion" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await screenshot(page, "sign-in");

  await fillSignIn(page, "analyste@lumiere.demo", { password: "pas le bon mot de passe" });
  await expect(signInAlert(page)).toContainText("Adresse e-mail ou mot de passe incorrect.");
  await expect(page).toHaveURL(/\/sign-in/);

  await fillSignIn(page, "analyste@lumiere.demo");
  await expect(page).toHaveURL(/\/t\/theatre-lumiere\/satisfaction$/);
  await expect(page.getByRole("heading", { level: 1, name: "Satisfaction" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Navigation principale" })).toBeVisible();
});

test("a skip link leads keyboard users to the main content", async ({ page }) => {
  await page.goto("/sign-in");
  await fillSignIn(page, "analyste@lumiere.demo");
  await expect(page).toHaveURL(/\/t\/theatre-lumiere\/ignition$/);
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Aller au contenu principal" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
});

test("repeated failures lock the account for a while and say until when", async ({ page }) => {
  await page.goto("/sign-in");
  // Five failures are allowed per account in 15 minutes; the fifth already locks it.
  for (let attempt = 1; attempt <= 4; attempt++) {
    await fillSignIn(page, "enquetes@lumiere.demo", { password: `mauvais-${attempt}` });
    await expect(signInAlert(page)).toContainText("Adresse e-mail ou mot de passe incorrect.");
  }
  await fillSignIn(page, "enquetes@lumiere.demo", { password: "mauvais-5" });
  await expect(signInAlert(page)).toContainText(/Trop de tentatives de connexion\. Réessayez dans 15 minutes \(à \d{2}:\d{2}\)\./);
  // Even the right password is refused while the account is locked.
  await fillSignIn(page, "enquetes@lumiere.demo");
  await expect(signInAlert(page)).toContainText("Trop de tentatives de connexion.");
  await expect(page).toHaveURL(/\/sign-in/);
  await screenshot(page, "sign-in-throttled");
});
