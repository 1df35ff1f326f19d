"use client";
// The tenant's own SMTP relay: server, TLS mode, login (the password is write-only: a saved one
// is never sent back, leaving it empty keeps it), the relay's pace, and a connection test that
// sends nothing. Errors are tied to their field for screen readers.
import { startTransition, useActionState, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import type { TSmtpTlsMode } from "@rappel/mail";
import { Button, Field } from "@rappel/ui";
import { smtpRelayAction, type SmtpRelayFormState, type TSmtpRelayField } from "../smtp-relay-actions";
import type { SmtpRelaySummary } from "../lib/smtp-relay";

// Spelled out here: importing the list from @rappel/mail would pull nodemailer into the browser bundle.
const TLS_MODES = ["starttls", "tls", "none"] as const satisfies readonly TSmtpTlsMode[];

export function SmtpRelayForm({ tenantSlug, current }: { tenantSlug: string; current: SmtpRelaySummary | null }) {
  const t = useTranslations("activation.smtpRelay");
  const [state, action, pending] = useActionState<SmtpRelayFormState, FormData>(smtpRelayAction, { status: "idle" });
  const typed = state.status === "invalid" || state.status === "tested" ? state.values : null;
  const errors = state.status === "invalid" ? state.errors : {};
  const error = (field: TSmtpRelayField) => (errors[field] ? t(`errors.${errors[field]}`) : null);
  const tlsError = error("tlsMode");
  const tls = typed?.tlsMode ?? current?.tlsMode ?? "starttls";
  // Submitted by hand: React resets a form after an action, and a refused form would lose what was typed.
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const data = new FormData(event.currentTarget, submitter);
    startTransition(() => action(data));
  };
  const status =
    state.status === "saved" ? t("saved")
    : state.status === "removed" ? t("removed")
    : state.status === "invalid" ? t("invalid")
    : state.status === "tested" ? (state.check.ok ? t("testOk") : t(`testFailed.${state.check.problem}`))
    : "";
  const statusTone = state.status === "invalid" || (state.status === "tested" && !state.check.ok) ? "text-red-800" : "text-emerald-800";
  return (
    <form onSubmit={submit} className="grid gap-3" noValidate aria-describedby="smtp-relay-status">
      <input type="hidden" name="tenantSlug" value={tenantSlug} />
      <div className="grid grid-cols-[1fr_8rem] gap-3">
        <Field id="smtp-host" name="host" label={t("host")} hint={t("hostHint")} required autoComplete="off"
          defaultValue={typed?.host ?? current?.host ?? ""} error={error("host")} />
        <Field id="smtp-port" name="port" type="number" min={1} max={65535} label={t("port")} required
          defaultValue={typed?.port ?? current?.port ?? 587} error={error("port")} />
      </div>
      <fieldset className="grid gap-1" aria-describedby={tlsError ? "smtp-tls-error" : undefined}>
        <legend className="mb-1 text-sm font-medium text-slate-900">{t("tlsMode")}</legend>
        {TLS_MODES.map((mode) => (
          <label key={mode} className="flex min-h-11 items-center gap-2 text-sm">
            <input type="radio" name="tlsMode" value={mode} defaultChecked={tls === mode} />
            {t(`tlsModes.${mode}`)}
          </label>
        ))}
        {tlsError ? <p id="smtp-tls-error" className="text-sm font-medium text-red-700">{tlsError}</p> : null}
      </fieldset>
      <Field id="smtp-username" name="username" label={t("username")} optionalLabel={t("optional")} autoComplete="off"
        defaultValue={typed?.username ?? current?.username ?? ""} error={error("username")} />
      <Field id="smtp-password" name="password" type="password" autoComplete="new-password" label={t("password")}
        hint={current?.hasPassword ? t("passwordKept") : t("passwordHint")} error={error("password")} />
      <Field id="smtp-rate" name="messagesPerSecond" type="number" min={1} max={10000} label={t("messagesPerSecond")} hint={t("messagesPerSecondHint")} required
        defaultValue={typed?.messagesPerSecond ?? current?.messagesPerSecond ?? 50} error={error("messagesPerSecond")} />
      <p id="smtp-relay-status" role="status" aria-live="polite" className={`text-sm ${statusTone}`}>{status}</p>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" name="intent" value="save" variant="secondary" disabled={pending}>{t("save")}</Button>
        <Button type="submit" name="intent" value="test" variant="secondary" disabled={pending}>{t("test")}</Button>
        {current ? <Button type="submit" name="intent" value="remove" variant="secondary" disabled={pending}>{t("remove")}</Button> : null}
      </div>
    </form>
  );
}
