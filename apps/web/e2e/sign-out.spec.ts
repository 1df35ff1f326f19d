// Journey: signing out ends the session; staff pages then ask to sign in again.
import { expect, test } from "@playwright/test";
import { signIn, openAccountMenu } from "./helpers";

test("signing out ends the session", async ({ page }) => {
  await signIn(page, "marketing@lumiere.demo");
  await expect(page.getByRole("heading", { level: 1, name: "Ignition" })).toBeVisible();
  await openAccountMenu(page);
  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);

  await page.goto("/t/theatre-lumiere/activation");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
  const session = await page.request.get("/api/auth/session");
  expect(await session.json()).toEqual({});
});
