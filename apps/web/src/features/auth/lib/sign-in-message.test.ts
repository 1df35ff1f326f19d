import { describe, expect, it } from "vitest";
import { SignInError } from "@rappel/auth/errors";
import { signInMessage } from "./sign-in-message";

describe("signInMessage", () => {
  it("says when to retry after throttling", () => {
    const now = new Date("2026-11-22T10:00:00Z");
    const message = signInMessage(new SignInError("throttled", 125).toCode(), now);
    expect(message).toEqual({ key: "throttled", minutes: 3, retryAt: new Date("2026-11-22T10:02:05Z") });
  });

  it("maps the other refusals to their messages", () => {
    expect(signInMessage(new SignInError("code_required").toCode())).toEqual({ key: "code_required" });
    expect(signInMessage(new SignInError("invalid_code").toCode())).toEqual({ key: "invalid_code" });
    expect(signInMessage("unavailable")).toEqual({ key: "unavailable" });
  });

  it("treats anything unknown (e.g. next-auth's own codes) as wrong credentials", () => {
    expect(signInMessage("CredentialsSignin")).toEqual({ key: "invalid_credentials" });
    expect(signInMessage("")).toEqual({ key: "invalid_credentials" });
  });
});
