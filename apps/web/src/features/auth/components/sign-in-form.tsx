"use client";
// The sign-in form. Credentials go to next-auth's credentials callback (CSRF-protected); errors
// come back as codes and are shown in a live region, with focus moved where the user must act.
import { useRef, useState, type FormEvent } from "react";
import { signIn } from "next-auth/react";
import { useFormatter, useTranslations } from "next-intl";
import { Button, Field } from "@rappel/ui";
import { signInMessage, type SignInMessage } from "../lib/sign-in-message";

export function SignInForm({ callbackUrl, initialError }: { callbackUrl: string; initialError?: string }) {
  const t = useTranslations("signIn");
  const tc = useTranslations("common");
  const format = useFormatter();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<SignInMessage | null>(() => (initialError ? signInMessage(initialError) : null));
  const codeRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setBusy(true);
    setMessage(null);
    const result = await signIn("credentials", {
      redirect: false,
      email: String(data.get("email") ?? ""),
      password: String(data.get("password") ?? ""),
      code: String(data.get("code") ?? ""),
      callbackUrl,
    });
    if (result?.ok && !result.error) {
      // A full navigation, so every server component renders with the new session.
      window.location.assign(callbackUrl);
      return;
    }
    const next = signInMessage(result?.error ?? "unavailable");
    setMessage(next);
    setBusy(false);
    if (next.key === "code_required" || next.key === "invalid_code") codeRef.current?.focus();
    else if (next.key === "invalid_credentials") passwordRef.current?.select();
    else alertRef.current?.focus();
  }

  const text =
    message === null
      ? null
      : message.key === "throttled"
        ? t("errors.throttled", {
            minutes: message.minutes,
            time: format.dateTime(message.retryAt, { timeStyle: "short" }),
          })
        : t(`errors.${message.key}`);
  const codeError =
    message && (message.key === "code_required" || message.key === "invalid_code") ? text : null;

  return (
    <form onSubmit={onSubmit} aria-describedby={text ? "sign-in-error" : undefined}>
      {/* Always in the page, so screen readers announce the message when it appears. */}
      <div
        ref={alertRef}
        tabIndex={-1}
        role="alert"
        aria-live="assertive"
        className="focus:outline-none"
      >
        {text ? (
          <p
            id="sign-in-error"
            className="mb-5 rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm font-medium text-red-800"
          >
            {text}
          </p>
        ) : null}
      </div>
      <div className="flex flex-col gap-5">
        <Field
          id="email"
          name="email"
          type="email"
          label={t("email")}
          autoComplete="username"
          required
          autoFocus
        />
        <Field
          ref={passwordRef}
          id="password"
          name="password"
          type="password"
          label={t("password")}
          autoComplete="current-password"
          required
        />
        <Field
          ref={codeRef}
          id="code"
          name="code"
          label={t("code")}
          optionalLabel={tc("optional")}
          hint={t("codeHint")}
          error={codeError}
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9 ]{6,7}"
          maxLength={7}
        />
        <Button type="submit" busy={busy} className="w-full">
          {busy ? t("submitting") : t("submit")}
        </Button>
      </div>
    </form>
  );
}
