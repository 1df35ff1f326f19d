// TOTP second factor (RFC 6238, 30 s steps, ±1 step of clock drift). Secrets are stored sealed
// with the master key, never in clear.
import { authenticator } from "otplib";
import type { Database } from "@rappel/db";
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

/**
 * Part of a master key rotation: re-seals under the current master key every TOTP secret still
 * sealed under a previous one, so the previous key can be retired without locking platform
 * users out. Idempotent. A secret no key of the ring opens is counted, not touched.
 */
export async function resealTotpSecrets(db: Database, master: MasterKey, options: { userIds?: string[] } = {}): Promise<{ resealed: number; unreadable: number }> {
  const users = await db.user.findMany({
    where: { totpSecretEnc: { not: null }, ...(options.userIds ? { id: { in: options.userIds } } : {}) },
    select: { id: true, totpSecretEnc: true },
  });
  const result = { resealed: 0, unreadable: 0 };
  for (const user of users) {
    const sealed = user.totpSecretEnc!;
    if (opensWith(master, user.id, sealed)) continue;
    let secret: string;
    try {
      secret = openTotpSecret(master, user.id, sealed);
    } catch {
      result.unreadable += 1;
      continue;
    }
    // Only if still the same ciphertext: a secret enrolled meanwhile is already under the current key.
    const { count } = await db.user.updateMany({ where: { id: user.id, totpSecretEnc: sealed }, data: { totpSecretEnc: sealTotpSecret(master, user.id, secret) } });
    result.resealed += count;
  }
  return result;
}

function opensWith(key: MasterKey, userId: string, sealed: Uint8Array): boolean {
  try {
    open(key.key, sealed, `totp:${userId}`);
    return true;
  } catch {
    return false;
  }
}
