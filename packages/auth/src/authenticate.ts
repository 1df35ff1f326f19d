// Staff authentication: e-mail + password (argon2id), plus a TOTP code for platform roles,
// behind the sign-in throttle. Framework-free so the web app's next-auth provider and tests
// call the same code. Passwords, codes and secrets are never logged or put in errors.
import { createHash } from "node:crypto";
import { z } from "zod";
import type { Database } from "@rappel/db";
import { requiresSecondFactor, type PlatformRole } from "@rappel/access";
import type { MasterKey } from "@rappel/personal-data";
import { SignInError, type SignInFailure } from "./errors";
import { hashPassword, verifyPassword } from "./password";
import type { SignInThrottle } from "./throttle";
import { checkTotp, openTotpSecret } from "./totp";

export const ZSignInAttempt = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email().max(320)),
  // Bounded so a huge body cannot make argon2 work on megabytes.
  password: z.string().min(1).max(1024),
  code: z
    .string()
    .transform((v) => v.replace(/\s+/g, ""))
    .pipe(z.union([z.literal(""), z.string().regex(/^\d{6}$/)]))
    .optional()
    .transform((v) => (v ? v : undefined)),
  ip: z.string().trim().min(1).max(64).catch("unknown"),
});
export type TSignInAttempt = z.input<typeof ZSignInAttempt>;

/** Who signed in; what the session keeps. */
export interface StaffIdentity {
  id: string;
  email: string;
  name: string;
  locale: string;
  platformRole: PlatformRole | null;
  /** True when a TOTP code was checked at this sign-in. */
  secondFactor: boolean;
}

export interface SignInLogEvent {
  event: "sign_in.succeeded" | "sign_in.failed";
  reason?: SignInFailure;
  /** A short hash of the e-mail: enough to correlate attempts, not an identifier. */
  account: string;
  ip: string;
}

export interface AuthenticateDeps {
  db: Database;
  masterKey: MasterKey;
  throttle: SignInThrottle;
  log?: (event: SignInLogEvent) => void;
}

// Compared against when the account does not exist, so timing does not reveal which e-mails exist.
let decoyHash: Promise<string> | undefined;
function decoy(): Promise<string> {
  decoyHash ??= hashPassword("decoy-password-never-valid");
  return decoyHash;
}

function accountRef(email: string): string {
  return createHash("sha256").update(email).digest("hex").slice(0, 12);
}

export async function authenticateStaff(deps: AuthenticateDeps, raw: TSignInAttempt): Promise<StaffIdentity> {
  const parsed = ZSignInAttempt.safeParse(raw);
  const ip = typeof raw.ip === "string" && raw.ip ? raw.ip.slice(0, 64) : "unknown";
  if (!parsed.success) {
    // Malformed input is a failed attempt too (counted against the IP at least).
    const email = typeof raw.email === "string" ? raw.email.trim().toLowerCase().slice(0, 320) : "";
    await deps.throttle.recordFailure({ email, ip });
    deps.log?.({ event: "sign_in.failed", reason: "invalid_credentials", account: accountRef(email), ip });
    throw new SignInError("invalid_credentials");
  }
  const attempt = parsed.data;
  const key = { email: attempt.email, ip: attempt.ip };

  const fail = async (reason: Exclude<SignInFailure, "throttled">): Promise<never> => {
    const verdict = await deps.throttle.recordFailure(key);
    deps.log?.({ event: "sign_in.failed", reason, account: accountRef(attempt.email), ip: attempt.ip });
    // The attempt that reaches the limit already says when to come back.
    if (verdict.locked && reason === "invalid_credentials") throw new SignInError("throttled", verdict.retryAfterSeconds);
    throw new SignInError(reason);
  };

  const lock = await deps.throttle.check(key);
  if (lock.locked) {
    deps.log?.({ event: "sign_in.failed", reason: "throttled", account: accountRef(attempt.email), ip: attempt.ip });
    throw new SignInError("throttled", lock.retryAfterSeconds);
  }

  const user = await deps.db.user.findUnique({ where: { email: attempt.email } });
  const passwordOk = await verifyPassword(user?.passwordHash ?? (await decoy()), attempt.password);
  if (!user || !passwordOk || user.disabledAt) return fail("invalid_credentials");

  let secondFactor = false;
  if (requiresSecondFactor(user.platformRole)) {
    if (!attempt.code) return fail("code_required");
    // No sealed secret on a platform account: it cannot pass the second factor (fail closed).
    if (!user.totpSecretEnc) return fail("invalid_code");
    let secret: string;
    try {
      secret = openTotpSecret(deps.masterKey, user.id, user.totpSecretEnc);
    } catch {
      return fail("invalid_code");
    }
    if (!checkTotp(secret, attempt.code)) return fail("invalid_code");
    if (!(await deps.throttle.claimTotpCode(user.id, attempt.code))) return fail("invalid_code");
    secondFactor = true;
  }

  await deps.throttle.recordSuccess(key);
  deps.log?.({ event: "sign_in.succeeded", account: accountRef(attempt.email), ip: attempt.ip });
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    locale: user.locale,
    platformRole: user.platformRole,
    secondFactor,
  };
}
