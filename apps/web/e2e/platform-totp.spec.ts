// Journey: a platform superadmin needs a TOTP code to sign in, then sees the queue states; the
// DPO reaches the admin area but not the queues (not their job).
import { expect, test } from "@playwright/test";
import { fillSignIn, screenshot, signIn, signInAlert, totpFor } from "./helpers";

test("a superadmin signs in with a TOTP code and sees the queues", async ({ page }) => {
  await page.goto("/sign-in");
  await fillSignIn(page, "superadmin@rappel.demo");
  await expect(signInAlert(page)).toContainText("Ce compte demande un code de vérification à 6 chiffres.");
  await expect(page.getByLabel(/Code de vérification/)).toBeFocused();

  await page.getByLabel(/Code de vérification/).fill(await totpFor("superadmin@rappel.demo"));
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page).toHaveURL(/\/admin$/);
  const tenants = page.getByRole("table", { name: "Structures clientes" });
  await expect(tenants.getByRole("rowheader", { name: "Théâtre de la Lumière" })).toBeVisible();
  await expect(tenants.getByRole("row", { name: /Festival des Nuits d.Été/ })).toContainText("festival-nuits-ete");

  await page.getByRole("navigation", { name: "Navigation de l'administration" }).getByRole("link", { name: "Files de tâches" }).click();
  await expect(page).toHaveURL(/\/admin\/queues$/);
  await expect(page.getByRole("heading", { level: 1, name: "Files de tâches" })).toBeVisible();
  const queues = page.getByRole("table", { name: "État des files" });
  await expect(queues.getByRole("columnheader", { name: "Échouées" })).toBeVisible();
  // The runner put one waiting and one delayed job on tracking, a queue the worker (which
  // runs during e2e, for imports) does not consume yet.
  const tracking = queues.getByRole("row", { name: /tracking/ });
  await expect(tracking.getByRole("cell").nth(0)).toHaveText("1");
  await expect(tracking.getByRole("cell").nth(2)).toHaveText("1");
  await expect(queues.getByRole("row", { name: /imports/ })).toContainText("Imports de billetterie");
  await screenshot(page, "admin-queues");
});

test("the DPO reaches the admin area but not the queues", async ({ page }) => {
  await signIn(page, "dpo@rappel.demo", { code: await totpFor("dpo@rappel.demo") });
  await expect(page).toHaveURL(/\/admin$/);
  const adminNav = page.getByRole("navigation", { name: "Navigation de l'administration" });
  await expect(adminNav.getByRole("link", { name: "Files de tâches" })).toHaveCount(0);
  expect((await page.goto("/admin/queues"))?.status()).toBe(403);
});

test("a wrong TOTP code is refused", async ({ page }) => {
  await page.goto("/sign-in");
  const right = await totpFor("superadmin@rappel.demo");
  await fillSignIn(page, "superadmin@rappel.demo", { code: right === "000000" ? "111111" : "000000" });
  await expect(signInAlert(page)).toContainText("Ce code de vérification n'est pas valide");
  await expect(page).toHaveURL(/\/sign-in/);
});
