"use client";
// The DPIA form, section by section as in the CNIL method. Submitted by hand (not through
// <form action>) so that a rejected save keeps everything typed.
import { startTransition, useActionState, useEffect, useRef, type ReactNode } from "react";
import { useTranslations } from "next-intl";
import { Button, Card } from "@rappel/ui";
import type { TDpia } from "@rappel/dpo-records/client";
import type { DpiaFormState } from "./actions";

const input = "w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base text-slate-900 focus:outline-2 focus:outline-offset-1 focus:outline-indigo-600";
const LEVELS = ["1", "2", "3", "4"];

function Row({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-900">{label}</label>
      {children}
    </div>
  );
}

export function DpiaForm({ dpia, hidden, action }: { dpia: TDpia; hidden: { id: string; version: string }; action: (s: DpiaFormState, f: FormData) => Promise<DpiaFormState> }) {
  const t = useTranslations("dpo.dpias");
  const [state, formAction, pending] = useActionState(action, { status: "idle" } as DpiaFormState);
  const statusRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state.status !== "idle") statusRef.current?.focus();
  }, [state]);
  const level = (name: string, value: number | null, label: string, optional = false) => (
    <Row id={name} label={label}>
      <select id={name} name={name} defaultValue={value === null ? "" : String(value)} className={`min-h-11 ${input}`}>
        {optional ? <option value="">{t("notAssessed")}</option> : null}
        {LEVELS.map((l) => <option key={l} value={l}>{l} — {t(`levels.${l}` as never)}</option>)}
      </select>
    </Row>
  );
  const actions = [...dpia.actions, ...Array.from({ length: 2 }, () => ({ action: "", owner: "", dueDate: "", done: false }))];
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        startTransition(() => formAction(data));
      }}
      className="flex flex-col gap-6"
    >
      <input type="hidden" name="id" value={hidden.id} />
      <input type="hidden" name="version" value={hidden.version} />
      <div ref={statusRef} tabIndex={-1} role="status" aria-live="polite" className="focus:outline-2 focus:outline-indigo-600">
        {state.status === "saved" ? <p className="rounded-md border border-green-300 bg-green-50 p-3 text-sm font-medium text-green-900">{t("saved", { version: state.version })}</p> : null}
        {state.status === "error" ? <p className="rounded-md border border-red-300 bg-red-50 p-3 text-sm font-medium text-red-900">{state.message}</p> : null}
      </div>
      <Card className="flex flex-col gap-4">
        <h2 className="text-lg font-semibold text-slate-900">{t("sections.context")}</h2>
        <Row id="title" label={t("name")}><input id="title" name="title" required defaultValue={dpia.title} className={`min-h-11 ${input}`} /></Row>
        {(Object.keys(dpia.context) as (keyof TDpia["context"])[]).map((k) => (
          <Row key={k} id={`context.${k}`} label={t(`context.${k}`)}><textarea id={`context.${k}`} name={`context.${k}`} rows={2} defaultValue={dpia.context[k]} className={input} /></Row>
        ))}
      </Card>
      <Card className="flex flex-col gap-4">
        <h2 className="text-lg font-semibold text-slate-900">{t("sections.principles")}</h2>
        {dpia.principles.map((p) => (
          <fieldset key={p.key} className="grid gap-2 sm:grid-cols-[16rem_12rem_1fr] sm:items-end">
            <legend className="text-sm font-semibold text-slate-900 sm:col-span-3">{t(`principles.${p.key}`)}</legend>
            <span className="hidden sm:block" />
            <Row id={`principle.${p.key}.assessment`} label={t("assessment")}>
              <select id={`principle.${p.key}.assessment`} name={`principle.${p.key}.assessment`} defaultValue={p.assessment} className={`min-h-11 ${input}`}>
                <option value="">{t("assessments.none")}</option>
                <option value="acceptable">{t("assessments.acceptable")}</option>
                <option value="to_improve">{t("assessments.to_improve")}</option>
              </select>
            </Row>
            <Row id={`principle.${p.key}.comment`} label={t("comment")}><input id={`principle.${p.key}.comment`} name={`principle.${p.key}.comment`} defaultValue={p.comment} className={`min-h-11 ${input}`} /></Row>
          </fieldset>
        ))}
      </Card>
      <Card className="flex flex-col gap-6">
        <h2 className="text-lg font-semibold text-slate-900">{t("sections.risks")}</h2>
        {dpia.risks.map((r) => (
          <fieldset key={r.risk} className="flex flex-col gap-3 border-t border-slate-200 pt-4">
            <legend className="text-base font-semibold text-slate-900">{t(`risks.${r.risk}`)}</legend>
            {(["impacts", "threats", "sources", "measures"] as const).map((k) => (
              <Row key={k} id={`risk.${r.risk}.${k}`} label={t(`riskFields.${k}`)}><textarea id={`risk.${r.risk}.${k}`} name={`risk.${r.risk}.${k}`} rows={2} defaultValue={r[k]} className={input} /></Row>
            ))}
            <div className="grid gap-3 sm:grid-cols-4">
              {level(`risk.${r.risk}.severity`, r.severity, t("riskFields.severity"))}
              {level(`risk.${r.risk}.likelihood`, r.likelihood, t("riskFields.likelihood"))}
              {level(`risk.${r.risk}.residualSeverity`, r.residualSeverity, t("riskFields.residualSeverity"), true)}
              {level(`risk.${r.risk}.residualLikelihood`, r.residualLikelihood, t("riskFields.residualLikelihood"), true)}
            </div>
          </fieldset>
        ))}
      </Card>
      <Card className="flex flex-col gap-3">
        <h2 className="text-lg font-semibold text-slate-900">{t("sections.actions")}</h2>
        <p className="text-sm text-slate-600">{t("action.hint")}</p>
        {actions.map((a, i) => (
          <fieldset key={i} className="grid gap-2 sm:grid-cols-[1fr_12rem_10rem_5rem] sm:items-end">
            <legend className="sr-only">{t("action.action")} {i + 1}</legend>
            <Row id={`action.${i}.action`} label={t("action.action")}><input id={`action.${i}.action`} name={`action.${i}.action`} defaultValue={a.action} className={`min-h-11 ${input}`} /></Row>
            <Row id={`action.${i}.owner`} label={t("action.owner")}><input id={`action.${i}.owner`} name={`action.${i}.owner`} defaultValue={a.owner} className={`min-h-11 ${input}`} /></Row>
            <Row id={`action.${i}.dueDate`} label={t("action.dueDate")}><input id={`action.${i}.dueDate`} name={`action.${i}.dueDate`} type="date" defaultValue={a.dueDate} className={`min-h-11 ${input}`} /></Row>
            <label className="flex min-h-11 items-center gap-2 text-sm text-slate-800"><input type="checkbox" name={`action.${i}.done`} defaultChecked={a.done} className="h-5 w-5" />{t("action.done")}</label>
          </fieldset>
        ))}
      </Card>
      <Card className="flex flex-col gap-3">
        <h2 className="text-lg font-semibold text-slate-900">{t("sections.dpoOpinion")}</h2>
        <Row id="dpoOpinion.text" label={t("opinion.text")}><textarea id="dpoOpinion.text" name="dpoOpinion.text" rows={3} defaultValue={dpia.dpoOpinion.text} className={input} /></Row>
        <Row id="dpoOpinion.date" label={t("opinion.date")}><input id="dpoOpinion.date" name="dpoOpinion.date" type="date" defaultValue={dpia.dpoOpinion.date} className={`min-h-11 ${input}`} /></Row>
        <h2 className="mt-4 text-lg font-semibold text-slate-900">{t("sections.subjectsOpinion")}</h2>
        <label className="flex min-h-11 items-center gap-2 text-sm text-slate-800"><input type="checkbox" name="subjectsOpinion.gathered" defaultChecked={dpia.subjectsOpinion.gathered} className="h-5 w-5" />{t("opinion.gathered")}</label>
        <Row id="subjectsOpinion.text" label={t("opinion.text")}><textarea id="subjectsOpinion.text" name="subjectsOpinion.text" rows={2} defaultValue={dpia.subjectsOpinion.text} className={input} /></Row>
        <Row id="subjectsOpinion.reasonNotGathered" label={t("opinion.reasonNotGathered")}><input id="subjectsOpinion.reasonNotGathered" name="subjectsOpinion.reasonNotGathered" defaultValue={dpia.subjectsOpinion.reasonNotGathered} className={`min-h-11 ${input}`} /></Row>
      </Card>
      <Card className="grid gap-3 sm:grid-cols-3">
        <h2 className="text-lg font-semibold text-slate-900 sm:col-span-3">{t("sections.validation")}</h2>
        <Row id="validation.decision" label={t("validation.decision")}>
          <select id="validation.decision" name="validation.decision" defaultValue={dpia.validation.decision} className={`min-h-11 ${input}`}>
            {(["pending", "validated", "refused"] as const).map((d) => <option key={d} value={d}>{t(`validation.decisions.${d}`)}</option>)}
          </select>
        </Row>
        <Row id="validation.by" label={t("validation.by")}><input id="validation.by" name="validation.by" defaultValue={dpia.validation.by} className={`min-h-11 ${input}`} /></Row>
        <Row id="validation.date" label={t("validation.date")}><input id="validation.date" name="validation.date" type="date" defaultValue={dpia.validation.date} className={`min-h-11 ${input}`} /></Row>
        <div className="sm:col-span-3"><Row id="validation.comment" label={t("validation.comment")}><textarea id="validation.comment" name="validation.comment" rows={2} defaultValue={dpia.validation.comment} className={input} /></Row></div>
        <div className="sm:col-span-3"><Row id="dpia-note" label={t("note")}><input id="dpia-note" name="note" maxLength={300} className={`min-h-11 ${input}`} /></Row></div>
      </Card>
      <div><Button type="submit" busy={pending}>{t("save")}</Button></div>
    </form>
  );
}
