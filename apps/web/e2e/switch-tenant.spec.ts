// Journey: a user with two organisations switches between them and reaches pages in each; the
// shell reads in French by default and in English once chosen.
import { expect, test } from "@playwright/test";
import { screenshot, signIn, openAccountMenu } from "./helpers";

test("a multi-tenant user switches organisation and reaches a page", async ({ page }) => {
  await signIn(page, "direction@rappel.demo");
  // `/` opens the first organisation (alphabetically): the festival, where she is an admin.
  await expect(page).toHaveURL(/\/t\/festival-nuits-ete\/ignition$/);
  await expect(page.getByRole("heading", { level: 1, name: "Ignition" })).toBeVisible();
  await screenshot(page, "dashboard-fr");

  await page.getByRole("button", { name: /Changer de structure/ }).click();
  await page.getByRole("link", { name: /Théâtre de la Lumière/ }).click();
  // The same area opens in the other organisation.
  await expect(page).toHaveURL(/\/t\/theatre-lumiere\/ignition$/);
  await expect(page.getByRole("button", { name: /Changer de structure \(Théâtre de la Lumière\)/ })).toBeVisible();

  const nav = page.getByRole("navigation", { name: "Navigation principale" });
  await nav.getByRole("link", { name: "Paramètres" }).click();
  await expect(page).toHaveURL(/\/t\/theatre-lumiere\/settings\/members$/);
  await expect(page.getByRole("heading", { level: 1, name: "Membres" })).toBeVisible();
  const members = page.getByRole("table", { name: "Membres de Théâtre de la Lumière" });
  await expect(members.getByRole("rowheader", { name: "Hélène Marchand" })).toBeVisible();
  await expect(members.getByRole("row", { name: /Paul Girard/ })).toContainText("Lecture seule");
  // Members of the other organisation only are not listed.
  await expect(members).not.toContainText("Camille Aubert");
  await expect(nav.getByRole("link", { name: "Paramètres" })).toHaveAttribute("aria-current", "page");
});

test("the shell switches to English and back", async ({ page }) => {
  await signIn(page, "direction@rappel.demo", { callbackUrl: "/t/theatre-lumiere/activation" });
  await expect(page.getByRole("heading", { level: 1, name: "Activation" })).toBeVisible();
  await openAccountMenu(page);
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("navigation", { name: "Main navigation" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByText("Segments and campaigns that bring your audience back.")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("button", { name: "Sign out" })).toBeHidden();
  await screenshot(page, "dashboard-en");

  // The choice sticks across pages.
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Data" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Data" })).toBeVisible();
  await openAccountMenu(page, "en");
  await page.getByRole("button", { name: "Français" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Données" })).toBeVisible();
});
