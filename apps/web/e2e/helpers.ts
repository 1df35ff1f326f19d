// Shared steps for the journeys: demo accounts (from the runner), signing in, screenshots.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, type Page } from "@playwright/test";
import { authenticator } from "otplib";

interface DemoAccount {
  email: string;
  name: string;
  platformRole?: "superadmin" | "dpo";
  totpSecret?: string;
  memberships: { tenantSlug: string; role: string }[];
}

const demo = JSON.parse(process.env.E2E_DEMO ?? "null") as { password: string; accounts: DemoAccount[] } | null;
if (!demo) throw new Error("E2E_DEMO is not set: run the suite with `pnpm --filter @rappel/web e2e`");

export const DEMO_PASSWORD = demo.password;

export function account(email: string): DemoAccount {
  const found = demo?.accounts.find((a) => a.email === email);
  if (!found) throw new Error(`no demo account ${email}`);
  return found;
}

// The server refuses a TOTP code that was already used (replay protection), and several journeys
// sign the same platform account in within one 30-second step: the codes handed out during this
// run are recorded in a file (journeys may run in several worker processes), and a journey that
// would get a used one waits for the next step.
const usedCodesFile = join(tmpdir(), `rappel-e2e-totp-${createHash("sha256").update(process.env.E2E_BASE_URL ?? "").digest("hex").slice(0, 12)}.json`);

/** A TOTP code for a demo platform account (its secret is public demo data) not used before in this run. */
export async function totpFor(email: string): Promise<string> {
  const secret = account(email).totpSecret;
  if (!secret) throw new Error(`${email} has no TOTP secret`);
  for (;;) {
    const used = existsSync(usedCodesFile) ? (JSON.parse(readFileSync(usedCodesFile, "utf8")) as Record<string, string>) : {};
    const code = authenticator.generate(secret);
    if (used[email] !== code) {
      writeFileSync(usedCodesFile, JSON.stringify({ ...used, [email]: code }));
      return code;
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

export async function fillSignIn(page: Page, email: string, options: { password?: string; code?: string } = {}): Promise<void> {
  await page.getByLabel("Adresse e-mail").fill(email);
  await page.getByLabel("Mot de passe").fill(options.password ?? DEMO_PASSWORD);
  if (options.code !== undefined) await page.getByLabel(/Code de vérification/).fill(options.code);
  await page.getByRole("button", { name: "Se connecter" }).click();
}

/** Signs in from the sign-in page and waits until the app has moved on. */
export async function signIn(page: Page, email: string, options: { code?: string; callbackUrl?: string } = {}): Promise<void> {
  const query = options.callbackUrl ? `?callbackUrl=${encodeURIComponent(options.callbackUrl)}` : "";
  await page.goto(`/sign-in${query}`);
  await fillSignIn(page, email, { code: options.code });
  await expect(page).not.toHaveURL(/\/sign-in/);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `e2e/screenshots/${name}.png`, fullPage: true });
}

/** Full-page screenshot from the top, so the sticky header is drawn where it belongs. */
export async function screenshotFromTop(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name);
}

/** The value (`<dd>`) a `<dt>` label introduces, e.g. an import's "Acceptées". */
export async function describedValue(page: Page, label: string): Promise<string> {
  return (await page.locator("dt", { hasText: label }).locator("xpath=following-sibling::dd[1]").innerText()).trim();
}

/** No horizontal scrolling: the page fits the viewport's width. */
export async function expectNoHorizontalOverflow(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

/** The sign-in form's error region (Next's route announcer is another role=alert on the page). */
export function signInAlert(page: Page) {
  return page.locator("form").getByRole("alert");
}

/**
 * Opens the account menu. A click that lands before React has hydrated the menu does nothing,
 * so the click is retried until the menu's sign-out button shows (a loaded machine makes this
 * window wide enough to hit).
 */
export async function openAccountMenu(page: Page, locale: "fr" | "en" = "fr"): Promise<void> {
  const [menu, signOut] = locale === "fr" ? [/Menu du compte/, "Se déconnecter"] : [/Account menu/, "Sign out"];
  await expect(async () => {
    const signOutButton = page.getByRole("button", { name: signOut });
    if (!(await signOutButton.isVisible())) await page.getByRole("button", { name: menu }).click();
    await expect(signOutButton).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
}
