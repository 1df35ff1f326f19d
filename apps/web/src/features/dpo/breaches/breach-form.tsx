"use client";
// The breach record's form: facts, scope (platform data → affected clients; own processing → the
// CNIL clock), numbers, consequences, measures, and the decisions with their reasons.
import { startTransition, useActionState, useEffect, useRef, type ReactNode } from "react";
import { useTranslations } from "next-intl";
import { Button, Card } from "@rappel/ui";
import { BREACH_DATA, BREACH_NATURES, type TBreach } from "@rappel/dpo-records/client";
import type { BreachFormState } from "./actions";

const input =
  "w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base text-slate-900 shadow-sm focus:outline-2 focus:outline-offset-1 focus:outline-indigo-600";

export interface BreachFormProps {
  breach: TBreach;
  /** awareAt / occurredAt as Paris wall-clock values for datetime-local inputs. */
  localTimes: { awareAt: string; occurredAt: string };
  activities: { reference: string; name: string }[];
  hidden: { id: string; version: string };
  action: (state: BreachFormState, formData: FormData) => Promise<BreachFormState>;
}

function Labelled({ id, label, hint, children }: { id: string; label: string; hint?: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-900">{label}</label>
      {children}
      {hint ? <p id={`${id}-hint`} className="text-sm text-slate-600">{hint}</p> : null}
    </div>
  );
}

function Checks({ name, legend, hint, options, checked }: { name: string; legend: string; hint?: string; options: { value: string; label: string }[]; checked: string[] }) {
  return (
    <fieldset className="flex flex-col gap-2" aria-describedby={hint ? `${name}-hint` : undefined}>
      <legend className="mb-1 text-sm font-medium text-slate-900">{legend}</legend>
      {hint ? <p id={`${name}-hint`} className="text-sm text-slate-600">{hint}</p> : null}
      <div className="grid gap-1 sm:grid-cols-2">
        {options.map((o) => (
          <label key={o.value} className="flex min-h-11 items-center gap-2 text-sm text-slate-800">
            <input type="checkbox" name={name} value={o.value} defaultChecked={checked.includes(o.value)} className="h-5 w-5" />
            {o.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function BreachForm({ breach, localTimes, activities, hidden, action }: BreachFormProps) {
  const t = useTranslations("dpo.breaches");
  const [state, formAction, pending] = useActionState(action, { status: "idle" } as BreachFormState);
  const statusRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state.status !== "idle") statusRef.current?.focus();
  }, [state]);
  const f = (k: string) => t(`fields.${k}` as never);
  const decision = (name: "cnilDecision" | "subjectsDecision", reason: "cnilDecisionReason" | "subjectsDecisionReason") => (
    <div className="grid gap-3 sm:grid-cols-[14rem_1fr]">
      <Labelled id={`b-${name}`} label={f(name)}>
        <select id={`b-${name}`} name={name} defaultValue={breach[name]} className={`min-h-11 ${input}`}>
          {(["pending", "notify", "not_notify"] as const).map((d) => <option key={d} value={d}>{t(`decisions.${d}`)}</option>)}
        </select>
      </Labelled>
      <Labelled id={`b-${reason}`} label={f(reason)}>
        <textarea id={`b-${reason}`} name={reason} defaultValue={breach[reason]} rows={2} className={input} />
      </Labelled>
    </div>
  );
  return (
    // Submitted by hand rather than through <form action>, which would reset what was typed when
    // the server rejects the record.
    <form
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        startTransition(() => formAction(data));
      }}
      className="flex flex-col gap-5"
    >
      <input type="hidden" name="id" value={hidden.id} />
      <input type="hidden" name="version" value={hidden.version} />
      <div ref={statusRef} tabIndex={-1} role="status" aria-live="polite" className="focus:outline-2 focus:outline-indigo-600">
        {state.status === "saved" ? (
          <p className="rounded-md border border-green-300 bg-green-50 p-3 text-sm font-medium text-green-900">{t("saved", { version: state.version })}</p>
        ) : state.status === "error" ? (
          <p className="rounded-md border border-red-300 bg-red-50 p-3 text-sm font-medium text-red-900">{state.message}</p>
        ) : null}
      </div>
      <Card className="flex flex-col gap-5">
        <Labelled id="b-title" label={f("title")}>
          <input id="b-title" name="title" required maxLength={200} defaultValue={breach.title} className={`min-h-11 ${input}`} />
        </Labelled>
        <div className="grid gap-4 sm:grid-cols-2">
          <Labelled id="b-awareAt" label={f("awareAt")}>
            <input id="b-awareAt" name="awareAt" type="datetime-local" required defaultValue={localTimes.awareAt} className={`min-h-11 ${input}`} />
          </Labelled>
          <Labelled id="b-occurredAt" label={f("occurredAt")}>
            <input id="b-occurredAt" name="occurredAt" type="datetime-local" defaultValue={localTimes.occurredAt} className={`min-h-11 ${input}`} />
          </Labelled>
        </div>
        <Checks name="natures" legend={f("natures")} options={BREACH_NATURES.map((n) => ({ value: n, label: t(`natures.${n}`) }))} checked={breach.natures} />
        <Labelled id="b-description" label={f("description")}>
          <textarea id="b-description" name="description" defaultValue={breach.description} rows={3} className={input} />
        </Labelled>
        <Checks name="dataInvolved" legend={f("dataInvolved")} hint={f("dataInvolvedHint")} options={BREACH_DATA.map((d) => ({ value: d, label: t(`data.${d}`) }))} checked={breach.dataInvolved} />
        <Checks
          name="controllerActivities"
          legend={f("controllerActivities")}
          hint={f("controllerActivitiesHint")}
          options={activities.map((a) => ({ value: a.reference, label: `${a.reference} — ${a.name}` }))}
          checked={breach.controllerActivities}
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <Labelled id="b-dataSubjectCategories" label={f("dataSubjectCategories")}>
            <textarea id="b-dataSubjectCategories" name="dataSubjectCategories" defaultValue={breach.dataSubjectCategories.join("\n")} rows={2} className={input} />
          </Labelled>
          <Labelled id="b-dataCategories" label={f("dataCategories")}>
            <textarea id="b-dataCategories" name="dataCategories" defaultValue={breach.dataCategories.join("\n")} rows={2} className={input} />
          </Labelled>
          <Labelled id="b-approxPersons" label={f("approxPersons")}>
            <input id="b-approxPersons" name="approxPersons" inputMode="numeric" defaultValue={breach.approxPersons ?? ""} className={`min-h-11 ${input}`} />
          </Labelled>
          <Labelled id="b-approxRecords" label={f("approxRecords")}>
            <input id="b-approxRecords" name="approxRecords" inputMode="numeric" defaultValue={breach.approxRecords ?? ""} className={`min-h-11 ${input}`} />
          </Labelled>
        </div>
        {(["consequences", "measuresTaken", "measuresPlanned"] as const).map((k) => (
          <Labelled key={k} id={`b-${k}`} label={f(k)}>
            <textarea id={`b-${k}`} name={k} defaultValue={breach[k]} rows={2} className={input} />
          </Labelled>
        ))}
        {decision("cnilDecision", "cnilDecisionReason")}
        {decision("subjectsDecision", "subjectsDecisionReason")}
        <Labelled id="b-lateReason" label={f("lateReason")}>
          <textarea id="b-lateReason" name="lateReason" defaultValue={breach.lateReason} rows={2} className={input} />
        </Labelled>
        {hidden.id !== "new" ? (
          <Labelled id="b-note" label={f("note")}>
            <input id="b-note" name="note" maxLength={300} className={`min-h-11 ${input}`} />
          </Labelled>
        ) : null}
      </Card>
      <div>
        <Button type="submit" busy={pending}>{hidden.id === "new" ? t("record") : t("save")}</Button>
      </div>
    </form>
  );
}
