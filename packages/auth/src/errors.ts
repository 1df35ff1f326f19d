// Expected sign-in outcomes, as typed errors. The `reason` travels to the sign-in page (through
// next-auth's error string) where it becomes a translated message; nothing in it may reveal
// whether an account exists. Free of Node-only imports: the sign-in page (a client component)
// imports it as @rappel/auth/errors.

export const SIGN_IN_FAILURES = ["invalid_credentials", "code_required", "invalid_code", "throttled"] as const;
export type SignInFailure = (typeof SIGN_IN_FAILURES)[number];

export class SignInError extends Error {
  constructor(
    public readonly reason: SignInFailure,
    /** Set when reason is "throttled": how long until another attempt is accepted. */
    public readonly retryAfterSeconds?: number,
  ) {
    super(reason === "throttled" ? `throttled:${retryAfterSeconds ?? 0}` : reason);
    this.name = "SignInError";
  }

  /** The string handed to next-auth (it becomes `?error=` / `result.error`). */
  toCode(): string {
    return this.message;
  }
}

/** Parses the code produced by `SignInError.toCode()`; unknown strings become invalid_credentials. */
export function parseSignInErrorCode(code: string | null | undefined): { reason: SignInFailure; retryAfterSeconds?: number } {
  if (!code) return { reason: "invalid_credentials" };
  const throttled = /^throttled:(\d+)$/.exec(code);
  if (throttled) return { reason: "throttled", retryAfterSeconds: Number(throttled[1]) };
  return (SIGN_IN_FAILURES as readonly string[]).includes(code)
    ? { reason: code as SignInFailure }
    : { reason: "invalid_credentials" };
}
