// Journey: the shell on a phone-sized screen: everything reachable, nothing wider than the screen.
import { expect, test } from "@playwright/test";
import { expectNoHorizontalOverflow, screenshot, signIn, openAccountMenu } from "./helpers";

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

test("the shell is usable on a phone", async ({ page }) => {
  await page.goto("/sign-in");
  await expectNoHorizontalOverflow(page);
  await screenshot(page, "phone-sign-in");

  await signIn(page, "admin@lumiere.demo");
  await expect(page.getByRole("heading", { level: 1, name: "Ignition" })).toBeVisible();
  await expectNoHorizontalOverflow(page);
  await screenshot(page, "phone-dashboard");

  const nav = page.getByRole("navigation", { name: "Navigation principale" });
  await nav.getByRole("link", { name: "Paramètres" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Membres" })).toBeVisible();
  await expectNoHorizontalOverflow(page);

  await openAccountMenu(page);
  await expect(page.getByRole("button", { name: "Se déconnecter" })).toBeVisible();
  await expectNoHorizontalOverflow(page);
  await screenshot(page, "phone-menu");
});
