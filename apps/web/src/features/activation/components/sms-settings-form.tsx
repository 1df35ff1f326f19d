"use client";
// The tenant's SMS settings: provider (SMPP bind or HTTP API), credentials (write-only: a stored
// secret is never sent back to the browser), rate, price per segment, opt-out mention, and the
// send window: days, hours (Paris time) and holidays (Alsace-Moselle adds Good Friday and 26 December).
import { startTransition, useActionState, useState, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import { Button, Field } from "@rappel/ui";
import type { SmsSettingsSummary } from "@rappel/sms";
import { saveSmsSettingsAction, type SmsFormState } from "../sms-actions";

const hhmm = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;

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
      <fieldset className="grid gap-2" aria-describedby={["sms-window-note", errorFor("weekdays") ? "sms-weekdays-error" : ""].filter(Boolean).join(" ")}>
        <legend className="mb-1 text-sm font-medium text-slate-900">{t("weekdays")}</legend>
        <div className="flex flex-wrap gap-x-4">
          {[1, 2, 3, 4, 5, 6, 7].map((d) => (
            <label key={d} className="flex min-h-11 items-center gap-2 text-sm">
              <input type="checkbox" name="weekdays" value={d} defaultChecked={(settings?.sendWindow.weekdays ?? [1, 2, 3, 4, 5, 6]).includes(d)} />
              {t(`days.${d}`)}
            </label>
          ))}
        </div>
        {errorFor("weekdays") ? <p id="sms-weekdays-error" className="text-sm font-medium text-red-700">{errorFor("weekdays")}</p> : null}
      </fieldset>
      <div className="grid grid-cols-2 gap-3">
        <Field id="sms-start" name="startTime" type="time" label={t("startTime")} defaultValue={hhmm(settings?.sendWindow.startMinute ?? 480)} error={errorFor("startTime")} />
        <Field id="sms-end" name="endTime" type="time" label={t("endTime")} defaultValue={hhmm(Math.min(settings?.sendWindow.endMinute ?? 1200, 1439))} error={errorFor("endTime")} />
      </div>
      <label className="flex min-h-11 items-center gap-2 text-sm"><input type="checkbox" name="skipHolidays" defaultChecked={settings?.sendWindow.skipHolidays ?? true} />{t("skipHolidays")}</label>
      <label className="flex min-h-11 items-center gap-2 text-sm"><input type="checkbox" name="alsaceMoselle" defaultChecked={settings?.sendWindow.alsaceMoselle ?? false} />{t("alsaceMoselle")}</label>
      <p id="sms-window-note" className="text-sm text-slate-600">{t("windowNote")}</p>
      <div role="status" aria-live="polite">
        {state.status === "saved" ? <p className="text-sm text-emerald-800">{t("saved")}</p> : null}
        {state.status === "invalid" ? <p className="text-sm text-red-800" role="alert">{t("errors.fields")}</p> : null}
      </div>
      <div><Button type="submit" variant="secondary" disabled={pending}>{t("save")}</Button></div>
    </form>
  );
}
