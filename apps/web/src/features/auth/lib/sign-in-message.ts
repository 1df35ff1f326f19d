// Turns next-auth's error string (our SignInError code) into a message key and its values.
import { parseSignInErrorCode, type SignInFailure } from "@rappel/auth/errors";

export type SignInMessage =
  | { key: Exclude<SignInFailure, "throttled"> | "unavailable" }
  | { key: "throttled"; minutes: number; retryAt: Date };

export function signInMessage(code: string, now: Date = new Date()): SignInMessage {
  if (code === "unavailable") return { key: "unavailable" };
  const parsed = parseSignInErrorCode(code);
  if (parsed.reason === "throttled") {
    const seconds = parsed.retryAfterSeconds ?? 60;
    return { key: "throttled", minutes: Math.max(1, Math.ceil(seconds / 60)), retryAt: new Date(now.getTime() + seconds * 1000) };
  }
  return { key: parsed.reason };
}
