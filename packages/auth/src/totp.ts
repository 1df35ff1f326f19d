// TOTP second factor (RFC 6238, 30 s steps, ±1 step of clock drift). Secrets are stored sealed
// with the master key, never in clear.
import { authenticator } from "otplib";
import { open, seal, type MasterKey } from "@rappel/personal-data";

authenticator.options = { window: 1 };

export function generateTotpSecret(): string {
  return authenticator.generateSecret();
}

export function totpCode(secret: string): string {
  return authenticator.generate(secret);
}

export function checkTotp(secret: string, code: string): boolean {
  return /^\d{6}$/.test(code.trim()) && authenticator.check(code.trim(), secret);
}

/** otpauth:// URI for authenticator apps. */
export function totpUri(secret: string, accountEmail: string): string {
  return authenticator.keyuri(accountEmail, "Rappel", secret);
}

export function sealTotpSecret(master: MasterKey, userId: string, secret: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(seal(master.key, secret, `totp:${userId}`));
}

export function openTotpSecret(master: MasterKey, userId: string, sealed: Uint8Array): string {
  // Sealed under the current master key, or under the previous one until the user's secret is
  // re-sealed: a master key rotation must not lock platform users out.
  let failure: unknown;
  for (const key of [master, ...(master.previous ?? [])]) {
    try {
      return open(key.key, sealed, `totp:${userId}`).toString("utf8");
    } catch (error) {
      failure = error;
    }
  }
  throw failure;
}
