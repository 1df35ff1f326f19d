"use client";
// The e-mail editor: subject, preheader, blocks (text, image, button, show card, footer) with
// merge tags, a preview rendered by the server as a spectator of the segment, a test send to the
// signed-in member, and the launch.
import { startTransition, useActionState, useId, useState, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import { Button, Field } from "@rappel/ui";
import type { TAbTestConfig, TEmailBlock } from "@rappel/campaigns";
import { previewCampaignAction, saveCampaignAction, type CampaignPreview, type SaveCampaignState } from "../actions";
import { AbTestFields } from "./ab-test-fields";
import { PromotedPerformanceSelect } from "./promoted-performance-select";
import { SendScheduleFields } from "./send-schedule-fields";

const areaClass = "min-h-24 w-full rounded-md border border-slate-300 px-2 py-1 text-sm focus-visible:outline-2 focus-visible:outline-indigo-600";
const inputClass = "min-h-11 w-full rounded-md border border-slate-300 px-2 py-1 text-sm focus-visible:outline-2 focus-visible:outline-indigo-600";

function LabeledText({ label, value, onChange, multiline }: { label: string; value: string; onChange: (v: string) => void; multiline?: boolean }) {
  const id = useId();
  return (
    <span className="flex flex-col gap-1 text-sm">
      <label htmlFor={id} className="font-medium text-slate-800">{label}</label>
      {multiline ? <textarea id={id} className={areaClass} value={value} onChange={(e) => onChange(e.target.value)} />
        : <input id={id} className={inputClass} value={value} onChange={(e) => onChange(e.target.value)} />}
    </span>
  );
}

const NEW_BLOCK: Record<TEmailBlock["type"], (shows: { value: string }[]) => TEmailBlock> = {
  text: () => ({ type: "text", text: "" }),
  image: () => ({ type: "image", src: "https://", alt: "" }),
  button: () => ({ type: "button", label: "Réserver", href: "https://" }),
  show_card: (shows) => ({ type: "show_card", showId: shows[0]?.value ?? "00000000-0000-4000-8000-000000000000" }),
  footer: () => ({ type: "footer", text: "" }),
};

export interface CampaignEditorProps {
  tenantSlug: string;
  campaign: {
    id: string; name: string; segmentId: string | null; subject: string; preheader: string; blocks: TEmailBlock[];
    holdoutPercent: number; attributionDays: number; abTest: TAbTestConfig | null; promotedPerformanceId: string | null;
  };
  /** Performances the campaign may promote (labels formatted in Paris time by the server). */
  performances: { value: string; label: string }[];
  /** Pre-fills the scheduling date (tomorrow in Paris, computed on the server). */
  scheduleDefaultDate: string;
  segments: { value: string; label: string }[];
  shows: { value: string; label: string }[];
  canSend: boolean;
}

export function CampaignEditor({ tenantSlug, campaign, segments, shows, performances, canSend, scheduleDefaultDate }: CampaignEditorProps) {
  const t = useTranslations("activation.editor");
  const [blocks, setBlocks] = useState<TEmailBlock[]>(campaign.blocks);
  const [adding, setAdding] = useState<TEmailBlock["type"]>("text");
  const [segment, setSegment] = useState(campaign.segmentId ?? "");
  const [preview, setPreview] = useState<CampaignPreview | null>(null);
  // Which recipient of the segment (1-based) the preview is rendered for.
  const [previewPosition, setPreviewPosition] = useState(1);
  const [state, action, pending] = useActionState<SaveCampaignState, FormData>(saveCampaignAction, { status: "idle" });
  const update = (i: number, patch: Partial<TEmailBlock>) => setBlocks(blocks.map((b, j) => (j === i ? ({ ...b, ...patch } as TEmailBlock) : b)));
  const move = (i: number, d: -1 | 1) => {
    const next = [...blocks];
    const [b] = next.splice(i, 1);
    next.splice(i + d, 0, b!);
    setBlocks(next);
  };
  const segmentId = useId();
  const errorText = state.status === "invalid" ? (t.has(`errors.${state.message}`) ? t(`errors.${state.message}`) : state.message) : null;
  const fieldError = (field: "ab" | "schedule") => (state.status === "invalid" && state.field === field ? errorText : null);
  // Submitted by hand (not <form action>): React resets a form after an action, and the editor's
  // fields would fall back to the values they were first rendered with.
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const data = new FormData(event.currentTarget, submitter);
    startTransition(() => action(data));
  };
  return (
    <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
      <form onSubmit={submit} className="flex flex-col gap-4">
        <input type="hidden" name="tenantSlug" value={tenantSlug} />
        <input type="hidden" name="campaignId" value={campaign.id} />
        <input type="hidden" name="content" value={JSON.stringify({ blocks })} />
        <Field id="campaign-name" name="name" label={t("name")} defaultValue={campaign.name} required />
        <span className="flex flex-col gap-1 text-sm">
          <label htmlFor={segmentId} className="font-medium text-slate-800">{t("segment")}</label>
          <select id={segmentId} name="segmentId" value={segment} onChange={(e) => setSegment(e.target.value)} className={inputClass}>
            <option value="">{t("noSegment")}</option>
            {segments.map((s) => <option key={s.value} value={s.value}>{s.label}</option>)}
          </select>
        </span>
        <PromotedPerformanceSelect options={performances} defaultValue={campaign.promotedPerformanceId} className={inputClass} />
        <Field id="campaign-subject" name="subject" label={t("subject")} defaultValue={campaign.subject} hint={`${t("mergeHint")} {{firstName|"Bonjour"}}, {{lastName}}`} />
        <Field id="campaign-preheader" name="preheader" label={t("preheader")} defaultValue={campaign.preheader} />
        <div className="grid grid-cols-2 gap-3">
          <Field id="campaign-holdout" name="holdoutPercent" type="number" min={0} max={50} label={t("holdout")} defaultValue={campaign.holdoutPercent} />
          <Field id="campaign-attribution" name="attributionDays" type="number" min={1} max={60} label={t("attributionDays")} defaultValue={campaign.attributionDays} />
        </div>
        <AbTestFields initial={campaign.abTest} error={fieldError("ab")} />
        <h2 className="text-base font-semibold text-slate-900">{t("blocks")}</h2>
        <ol className="flex flex-col gap-3">
          {blocks.map((b, i) => (
            <li key={i} className="rounded-md border border-slate-200 bg-white p-3" data-block={b.type}>
              <div className="mb-2 flex flex-wrap items-center gap-2">
                <span className="text-sm font-semibold">{t(`blockTypes.${b.type}`)}</span>
                <Button type="button" variant="ghost" disabled={i === 0} onClick={() => move(i, -1)} aria-label={t("moveUp")}>↑</Button>
                <Button type="button" variant="ghost" disabled={i === blocks.length - 1} onClick={() => move(i, 1)} aria-label={t("moveDown")}>↓</Button>
                <Button type="button" variant="ghost" onClick={() => setBlocks(blocks.filter((_, j) => j !== i))}>{t("remove")}</Button>
              </div>
              {b.type === "text" || b.type === "footer" ? <LabeledText multiline label={t("text")} value={b.text} onChange={(v) => update(i, { text: v })} /> : null}
              {b.type === "image" ? (<div className="grid gap-2"><LabeledText label={t("imageUrl")} value={b.src} onChange={(v) => update(i, { src: v })} /><LabeledText label={t("alt")} value={b.alt} onChange={(v) => update(i, { alt: v })} /></div>) : null}
              {b.type === "button" ? (<div className="grid gap-2"><LabeledText label={t("label")} value={b.label} onChange={(v) => update(i, { label: v })} /><LabeledText label={t("link")} value={b.href} onChange={(v) => update(i, { href: v })} /></div>) : null}
              {b.type === "show_card" ? (
                <div className="grid gap-2">
                  <label className="flex flex-col gap-1 text-sm"><span className="font-medium">{t("show")}</span>
                    <select className={inputClass} value={b.showId} onChange={(e) => update(i, { showId: e.target.value })}>
                      {shows.map((s) => <option key={s.value} value={s.value}>{s.label}</option>)}
                    </select></label>
                  <LabeledText label={t("link")} value={b.href ?? ""} onChange={(v) => update(i, { href: v || undefined })} />
                </div>
              ) : null}
            </li>
          ))}
        </ol>
        <div className="flex flex-wrap items-end gap-3">
          <label className="flex flex-col gap-1 text-sm"><span className="font-medium">{t("blockType")}</span>
            <select className={inputClass} value={adding} onChange={(e) => setAdding(e.target.value as TEmailBlock["type"])}>
              {(["text", "image", "button", "show_card", "footer"] as const).map((ty) => <option key={ty} value={ty}>{t(`blockTypes.${ty}`)}</option>)}
            </select></label>
          <Button type="button" variant="secondary" onClick={() => setBlocks([...blocks, NEW_BLOCK[adding](shows)])}>{t("addBlock")}</Button>
        </div>
        <div role="status" aria-live="polite">
          {state.status === "invalid" && !state.field ? <p className="text-sm text-red-800" role="alert">{errorText}</p> : null}
          {state.status === "saved" ? <p className="text-sm text-emerald-800">{t("saved")}</p> : null}
          {state.status === "tested" ? <p className="text-sm text-emerald-800">{t("tested")}</p> : null}
        </div>
        <div className="flex flex-wrap gap-3">
          <Button type="submit" name="intent" value="save" disabled={pending}>{t("save")}</Button>
          <Button type="submit" name="intent" value="test" variant="secondary" disabled={pending}>{t("testSend")}</Button>
        </div>
        {canSend ? <SendScheduleFields defaultDate={scheduleDefaultDate} error={fieldError("schedule")} pending={pending} /> : null}
      </form>
      <section aria-labelledby="preview-title" className="flex flex-col gap-3">
        <h2 id="preview-title" className="text-base font-semibold text-slate-900">{t("preview")}</h2>
        <div className="flex flex-wrap items-end gap-3">
          <Field id="preview-position" type="number" min={1} max={1000} step={1} label={t("previewPosition")} className="w-40" aria-describedby="preview-hint"
            value={previewPosition} onChange={(e) => setPreviewPosition(Math.max(1, Math.trunc(Number(e.target.value)) || 1))} />
          <Button type="button" variant="secondary" onClick={() => previewCampaignAction(tenantSlug, campaign.id, previewPosition).then(setPreview)}>{t("refreshPreview")}</Button>
        </div>
        <p id="preview-hint" className="text-xs text-slate-600">{t("previewHint")}</p>
        {preview ? (
          <>
            <p className="text-sm" data-testid="preview-recipient">
              {preview.recipient
                ? t("previewFor", { name: [preview.recipient.firstName, preview.recipient.lastName].filter(Boolean).join(" ") || t("previewNoName") })
                : t("previewNobody")}
            </p>
            <p className="text-sm"><span className="font-medium">{t("subject")} :</span> <span data-testid="preview-subject">{preview.subject}</span></p>
            <iframe title={t("preview")} sandbox="" srcDoc={preview.html} className="h-[640px] w-full rounded-md border border-slate-200 bg-white" />
          </>
        ) : null}
      </section>
    </div>
  );
}
