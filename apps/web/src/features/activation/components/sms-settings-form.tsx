"use client";
// The tenant's SMS settings: provider (SMPP bind or HTTP API), credentials (write-only: a stored
// secret is never sent back to the browser), rate, price per segment, opt-out mention, and the
// holiday set of the send window (Alsace-Moselle adds Good Friday and 26 December).
import { startTransition, useActionState, useState, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import { Button, Field } from "@rappel/ui";
import type { SmsSettingsSummary } from "@rappel/sms";
import { saveSmsSettingsAction, type SmsFormState } from "../sms-actions";

export function SmsSettingsForm({ tenantSlug, settings }: { tenantSlug: string; settings: SmsSettingsSummary | null }) {
  const t = useTranslations("activation.smsSettings");
  const [state, action, pending] = useActionState<SmsFormState, FormData>(saveSmsSettingsAction, { status: "idle" });
  const [provider, setProvider] = useState<"smpp" | "http">(settings?.provider ?? "smpp");
  const fields = state.status === "invalid" ? state.fields : {};
  const errorFor = (name: string) => (fields[name] ? (t.has(`errors.${name}`) ? t(`errors.${name}`) : fields[name]) : undefined);
  // Submitted by hand (not <form action>): React resets a form after an action, and a refused
  // form would lose what was typed.
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => action(data));
  };
  return (
    <form onSubmit={submit} className="grid gap-3" noValidate>
      <input type="hidden" name="tenantSlug" value={tenantSlug} />
      <fieldset className="flex flex-wrap gap-4">
        <legend className="mb-1 text-sm font-medium text-slate-900">{t("provider")}</legend>
        {(["smpp", "http"] as const).map((p) => (
          <label key={p} className="flex min-h-11 items-center gap-2 text-sm">
            <input type="radio" name="provider" value={p} checked={provider === p} onChange={() => setProvider(p)} />
            {t(`providers.${p}`)}
          </label>
        ))}
      </fieldset>
      <Field id="sms-endpoint" name="endpointUrl" label={t("endpointUrl")} hint={provider === "smpp" ? "smpp://smsc.example:2775" : "https://api.example/sms"} defaultValue={settings?.endpointUrl ?? ""} required error={errorFor("endpointUrl")} />
      {provider === "smpp" ? <Field id="sms-system-id" name="systemId" label={t("systemId")} defaultValue={settings?.systemId ?? ""} error={errorFor("systemId")} /> : null}
      <Field id="sms-secret" name="secret" type="password" autoComplete="off" label={provider === "smpp" ? t("password") : t("token")} hint={settings?.hasSecret ? t("secretKept") : undefined} error={errorFor("secret")} />
      {provider === "http" ? <Field id="sms-webhook-secret" name="webhookSecret" type="password" autoComplete="off" label={t("webhookSecret")} hint={settings?.hasWebhookSecret ? t("secretKept") : t("webhookHint")} error={errorFor("webhookSecret")} /> : null}
      <div className="grid grid-cols-2 gap-3">
        <Field id="sms-rate" name="messagesPerSecond" type="number" min={1} max={1000} label={t("messagesPerSecond")} defaultValue={settings?.messagesPerSecond ?? 10} error={errorFor("messagesPerSecond")} />
        <Field id="sms-price" name="pricePerSegmentCents" type="number" min={0} max={1000} label={t("pricePerSegmentCents")} defaultValue={settings?.pricePerSegmentCents ?? 8} error={errorFor("pricePerSegmentCents")} />
      </div>
      <Field id="sms-mention" name="optOutMention" label={t("optOutMention")} hint={t("optOutHint")} defaultValue={settings?.optOutMention ?? "STOP au 36180"} error={errorFor("optOutMention")} />
      <label className="flex min-h-11 items-center gap-2 text-sm"><input type="checkbox" name="skipHolidays" defaultChecked={settings?.sendWindow.skipHolidays ?? true} />{t("skipHolidays")}</label>
      <label className="flex min-h-11 items-center gap-2 text-sm"><input type="checkbox" name="alsaceMoselle" defaultChecked={settings?.sendWindow.alsaceMoselle ?? false} />{t("alsaceMoselle")}</label>
      <p className="text-sm text-slate-600">{t("windowNote")}</p>
      <div role="status" aria-live="polite">
        {state.status === "saved" ? <p className="text-sm text-emerald-800">{t("saved")}</p> : null}
        {state.status === "invalid" ? <p className="text-sm text-red-800" role="alert">{t("errors.fields")}</p> : null}
      </div>
      <div><Button type="submit" variant="secondary" disabled={pending}>{t("save")}</Button></div>
    </form>
  );
}
