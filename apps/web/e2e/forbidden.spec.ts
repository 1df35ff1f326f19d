// Journey: a read-only member is refused what their role may not see, with a real 403 page;
// another organisation's pages do not exist for them (404).
import { expect, test } from "@playwright/test";
import { screenshot, signIn } from "./helpers";

test("a viewer is refused the members page with a 403 page", async ({ page }) => {
  await signIn(page, "lecture@lumiere.demo");
  const nav = page.getByRole("navigation", { name: "Navigation principale" });
  await expect(nav.getByRole("link")).toHaveText(["Ignition", "Satisfaction", "Activation"]);

  const response = await page.goto("/t/theatre-lumiere/settings/members");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1, name: "Accès refusé" })).toBeVisible();
  // The shell stays, so the user can go elsewhere.
  await expect(nav).toBeVisible();
  await screenshot(page, "forbidden");

  await page.getByRole("link", { name: "Revenir à l'accueil" }).click();
  await expect(page).toHaveURL(/\/t\/theatre-lumiere\/ignition$/);

  expect((await page.goto("/t/theatre-lumiere/data"))?.status()).toBe(403);
  expect((await page.goto("/admin/queues"))?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1, name: "Accès refusé" })).toBeVisible();
});

test("another organisation's pages and unknown organisations are not found", async ({ page }) => {
  await signIn(page, "lecture@lumiere.demo");
  for (const path of ["/t/festival-nuits-ete/ignition", "/t/no-such-venue/ignition", "/t/THEATRE-LUMIERE/ignition"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Page introuvable" })).toBeVisible();
  }
});
