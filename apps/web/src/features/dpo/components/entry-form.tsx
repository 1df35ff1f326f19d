"use client";
// A register entry's form, driven by the entry's field descriptors: one-line text, multi-line text
// (lists one item per line, retention and transfers as "a | b | c" lines) and checkbox groups in
// a fieldset. A rejected save keeps what was typed and moves focus to the message.
import { useActionState, useEffect, useRef } from "react";
import { useTranslations } from "next-intl";
import { Button, Card } from "@rappel/ui";
import type { FieldDescriptor } from "@rappel/dpo-records/client";
import type { EntryFormState, EntryFormValues } from "../types";

export interface EntryFormProps {
  fields: FieldDescriptor[];
  options: { sensitive: string[]; security: string[] };
  values: EntryFormValues;
  hidden: Record<string, string>;
  handEdited?: string[];
  action: (state: EntryFormState, formData: FormData) => Promise<EntryFormState>;
}

const inputClass =
  "w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base text-slate-900 shadow-sm focus:outline-2 focus:outline-offset-1 focus:outline-indigo-600";

export function EntryForm({ fields, options, values, hidden, handEdited = [], action }: EntryFormProps) {
  const t = useTranslations("dpo");
  const [state, formAction, pending] = useActionState(action, { status: "idle" } as EntryFormState);
  const statusRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state.status !== "idle") statusRef.current?.focus();
  }, [state]);
  const current = state.status === "error" ? state.values : values;
  // A new key after each result remounts the inputs with the right default values.
  const formKey = state.status === "error" ? `error-${JSON.stringify(state.values).length}` : state.status === "saved" ? `saved-${state.version}` : "idle";

  return (
    <form action={formAction} className="flex flex-col gap-5" key={formKey}>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div ref={statusRef} tabIndex={-1} role="status" aria-live="polite" className="focus:outline-2 focus:outline-indigo-600">
        {state.status === "saved" ? (
          <p className="rounded-md border border-green-300 bg-green-50 p-3 text-sm font-medium text-green-900">
            {state.changed === 0 ? t("entry.unchanged") : t("entry.saved", { version: state.version })}
          </p>
        ) : state.status === "error" ? (
          <p className="rounded-md border border-red-300 bg-red-50 p-3 text-sm font-medium text-red-900">{state.message}</p>
        ) : null}
      </div>
      <Card className="flex flex-col gap-5">
        {fields.map((field) => {
          const id = `field-${field.key}`;
          const label = t(`fields.${field.key}` as never);
          const edited = handEdited.includes(field.key) ? <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900">{t("entry.handEdited")}</span> : null;
          if (field.kind === "sensitive" || field.kind === "security") {
            const choices = field.kind === "sensitive" ? options.sensitive : options.security;
            const checked = new Set(current[field.key] as string[]);
            return (
              <fieldset key={field.key} className="flex flex-col gap-2">
                <legend className="mb-1 text-sm font-medium text-slate-900">{label}{edited}</legend>
                <div className="grid gap-2 sm:grid-cols-2">
                  {choices.map((choice) => (
                    <label key={choice} className="flex min-h-11 items-center gap-2 text-sm text-slate-800">
                      <input type="checkbox" name={field.key} value={choice} defaultChecked={checked.has(choice)} className="h-5 w-5" />
                      {t(`options.${choice}` as never)}
                    </label>
                  ))}
                </div>
              </fieldset>
            );
          }
          const hint =
            field.kind === "list" ? t("entry.listHint") : field.kind === "retention" ? t("entry.rowsHint2") : field.kind === "transfers" ? t("entry.rowsHint3") : null;
          const value = String(current[field.key] ?? "");
          return (
            <div key={field.key} className="flex flex-col gap-1">
              <label htmlFor={id} className="text-sm font-medium text-slate-900">{label}{edited}</label>
              {field.kind === "text" ? (
                <input id={id} name={field.key} defaultValue={value} className={`min-h-11 ${inputClass}`} aria-describedby={hint ? `${id}-hint` : undefined} />
              ) : (
                <textarea
                  id={id}
                  name={field.key}
                  defaultValue={value}
                  rows={Math.min(8, Math.max(2, value.split("\n").length + 1))}
                  className={inputClass}
                  aria-describedby={hint ? `${id}-hint` : undefined}
                />
              )}
              {hint ? <p id={`${id}-hint`} className="text-sm text-slate-600">{hint}</p> : null}
            </div>
          );
        })}
        <div className="flex flex-col gap-1">
          <label htmlFor="field-note" className="text-sm font-medium text-slate-900">{t("entry.note")}</label>
          <input id="field-note" name="note" maxLength={300} className={`min-h-11 ${inputClass}`} aria-describedby="field-note-hint" />
          <p id="field-note-hint" className="text-sm text-slate-600">{t("entry.noteHint")}</p>
        </div>
      </Card>
      <div>
        <Button type="submit" busy={pending}>{pending ? t("entry.saving") : t("entry.save")}</Button>
      </div>
    </form>
  );
}
