"use client";
// The SMS editor: the text with a live count of characters and segments, the encoding (GSM-7 or
// UCS-2) with the characters that force UCS-2 highlighted, the opt-out mention appended and
// counted, the cost estimate for the chosen segment, the sender id, a test send to a number, and
// sending now or at a Paris time. Counters are announced politely to screen readers.
import { startTransition, useActionState, useId, useState, type FormEvent } from "react";
import { useFormatter, useTranslations } from "next-intl";
// The subpath, not the package root: the root also exports the bounce parser, which pulls the
// mail transport (node:net) into the browser bundle.
import { previewSms } from "@rappel/campaigns/sms-content";
import { Button, Field } from "@rappel/ui";
import { PromotedPerformanceSelect } from "./promoted-performance-select";
import { saveSmsCampaignAction, type SmsFormState } from "../sms-actions";

const inputClass = "min-h-11 w-full rounded-md border bg-white px-3 py-2 text-base text-slate-900 shadow-sm focus:outline-2 focus:outline-offset-1 focus:outline-indigo-600";

export interface SmsEditorProps {
  tenantSlug: string;
  campaign: {
    id: string; name: string; segmentId: string | null; text: string; senderId: string; testPhone: string;
    holdoutPercent: number; attributionDays: number; promotedPerformanceId: string | null;
  };
  segments: { value: string; label: string; count: number }[];
  /** Performances the campaign may promote (labels formatted in Paris time by the server). */
  performances: { value: string; label: string }[];
  settings: { optOutMention: string; pricePerSegmentCents: number; configured: boolean };
  canSend: boolean;
}

export function SmsEditor({ tenantSlug, campaign, segments, performances, settings, canSend }: SmsEditorProps) {
  const t = useTranslations("activation.sms");
  const format = useFormatter();
  const [text, setText] = useState(campaign.text);
  const [segment, setSegment] = useState(campaign.segmentId ?? "");
  const [state, action, pending] = useActionState<SmsFormState, FormData>(saveSmsCampaignAction, { status: "idle" });
  const ids = { segment: useId(), text: useId(), counter: useId(), textError: useId(), preview: useId() };
  const recipients = segments.find((s) => s.value === segment)?.count ?? 0;
  const p = previewSms(text, settings.optOutMention, recipients, settings.pricePerSegmentCents);
  const fields = state.status === "invalid" ? state.fields : {};
  const errorFor = (name: string) => (fields[name] ? (t.has(`errors.${name}`) ? t(`errors.${name}`) : fields[name]) : undefined);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    startTransition(() => action(new FormData(event.currentTarget, submitter)));
  };
  const textError = errorFor("text");
  return (
    <form onSubmit={submit} className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]" noValidate>
      <div className="flex flex-col gap-4">
        <input type="hidden" name="tenantSlug" value={tenantSlug} />
        <input type="hidden" name="campaignId" value={campaign.id} />
        {!settings.configured ? <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">{t("notConfigured")}</p> : null}
        <Field id="sms-name" name="name" label={t("name")} defaultValue={campaign.name} required error={errorFor("name")} />
        <span className="flex flex-col gap-1">
          <label htmlFor={ids.segment} className="text-sm font-medium text-slate-900">{t("segment")}</label>
          <select id={ids.segment} name="segmentId" value={segment} onChange={(e) => setSegment(e.target.value)} className={`${inputClass} border-slate-400`}>
            <option value="">{t("noSegment")}</option>
            {segments.map((s) => <option key={s.value} value={s.value}>{s.label}</option>)}
          </select>
        </span>
        <PromotedPerformanceSelect options={performances} defaultValue={campaign.promotedPerformanceId} className={`${inputClass} border-slate-400`} />
        <Field id="sms-sender" name="senderId" label={t("senderId")} hint={t("senderIdHint")} defaultValue={campaign.senderId} maxLength={15} required error={errorFor("senderId")} />
        <span className="flex flex-col gap-1">
          <label htmlFor={ids.text} className="text-sm font-medium text-slate-900">{t("text")}</label>
          <textarea
            id={ids.text} name="text" value={text} onChange={(e) => setText(e.target.value)} rows={6} maxLength={1000}
            aria-describedby={[ids.counter, textError ? ids.textError : ""].filter(Boolean).join(" ")} aria-invalid={textError ? true : undefined}
            className={`${inputClass} ${textError ? "border-red-700" : "border-slate-400"}`}
          />
          <p className="text-sm text-slate-600">{t("mergeHint")} <code>{'{{firstName|"à vous"}}'}</code>, <code>{"{{lastName}}"}</code></p>
          {textError ? <p id={ids.textError} className="text-sm font-medium text-red-700">{textError}</p> : null}
        </span>
        <div id={ids.counter} role="status" aria-live="polite" aria-atomic="true" className="grid grid-cols-2 gap-2 rounded-md border border-slate-200 bg-slate-50 p-3 text-sm md:grid-cols-4" data-testid="sms-counters">
          <div><span className="block text-xs uppercase text-slate-600">{t("characters")}</span><span className="font-semibold" data-counter="units">{p.units}</span></div>
          <div><span className="block text-xs uppercase text-slate-600">{t("segments")}</span><span className="font-semibold" data-counter="segments">{p.segments}</span></div>
          <div><span className="block text-xs uppercase text-slate-600">{t("encoding")}</span><span className="font-semibold" data-counter="encoding">{p.encoding}</span></div>
          <div><span className="block text-xs uppercase text-slate-600">{t("cost")}</span><span className="font-semibold" data-counter="cost">{format.number(p.costCents / 100, { style: "currency", currency: "EUR" })}</span></div>
          <p className="col-span-2 text-slate-700 md:col-span-4">
            {t("remaining", { count: p.remaining })} · {t("recipients", { count: recipients })}
            {p.encoding === "UCS-2" ? <> · <strong className="text-amber-900">{t("ucs2Because", { chars: p.ucs2Characters.map((c) => `« ${c} »`).join(" ") })}</strong></> : null}
          </p>
        </div>
        <div className="grid grid-cols-2 gap-3">
          <Field id="sms-holdout" name="holdoutPercent" type="number" min={0} max={50} label={t("holdout")} defaultValue={campaign.holdoutPercent} error={errorFor("holdoutPercent")} />
          <Field id="sms-attribution" name="attributionDays" type="number" min={1} max={60} label={t("attributionDays")} defaultValue={campaign.attributionDays} error={errorFor("attributionDays")} />
        </div>
        <Field id="sms-test-phone" name="testPhone" type="tel" autoComplete="tel" label={t("testPhone")} hint={t("testPhoneHint")} defaultValue={campaign.testPhone} error={errorFor("testPhone")} />
        <Field id="sms-scheduled" name="scheduledAt" type="datetime-local" label={t("scheduledAt")} hint={t("scheduledHint")} error={errorFor("scheduledAt")} />
        <div role="status" aria-live="polite">
          {state.status === "invalid" && state.message ? <p className="text-sm text-red-800" role="alert">{t.has(`errors.${state.message}`) ? t(`errors.${state.message}`) : state.message}</p> : null}
          {state.status === "invalid" && !state.message ? <p className="text-sm text-red-800" role="alert">{t("errors.fields")}</p> : null}
          {state.status === "saved" ? <p className="text-sm text-emerald-800">{t("saved")}</p> : null}
          {state.status === "saved" && state.estimate ? (
            <p className="text-sm text-slate-800" data-testid="sms-exact-cost">
              {t("exactCost", { cost: format.number(state.estimate.costCents / 100, { style: "currency", currency: "EUR" }), messages: state.estimate.messages, segments: state.estimate.segments })}
            </p>
          ) : null}
          {state.status === "tested" ? <p className="text-sm text-emerald-800">{t("tested")}</p> : null}
        </div>
        <div className="flex flex-wrap gap-3">
          <Button type="submit" name="intent" value="save" disabled={pending}>{t("save")}</Button>
          <Button type="submit" name="intent" value="test" variant="secondary" disabled={pending}>{t("testSend")}</Button>
          {canSend ? <Button type="submit" name="intent" value="start" variant="danger" disabled={pending}>{t("send")}</Button> : null}
        </div>
      </div>
      <section aria-labelledby={ids.preview} className="flex flex-col gap-3">
        <h2 id={ids.preview} className="text-base font-semibold text-slate-900">{t("preview")}</h2>
        <p className="text-sm text-slate-600">{t("previewHint")}</p>
        <div className="max-w-sm whitespace-pre-wrap break-words rounded-2xl bg-slate-100 px-4 py-3 font-mono text-sm text-slate-900 shadow-inner" data-testid="sms-preview">
          {p.runs.map((run, i) =>
            run.forcesUcs2 ? (
              <mark key={i} className="mx-0.5 rounded bg-amber-300 px-1 font-bold text-slate-900 outline outline-2 outline-red-700" title={t("forcesUcs2")}>
                {run.text}<span className="sr-only"> ({t("forcesUcs2")})</span>
              </mark>
            ) : <span key={i}>{run.text}</span>,
          )}
        </div>
        <p className="text-xs text-slate-600">{t("mentionNote", { mention: settings.optOutMention })}</p>
      </section>
    </form>
  );
}
