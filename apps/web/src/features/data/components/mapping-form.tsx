"use client";
// One select per target field, pre-filled with the suggested (or preset) column; required fields
// are marked, the confidence of each suggestion shown, and the first row's value for the chosen
// column previewed. Refusals come back from the server action and are listed, with focus on them.
import { useActionState, useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { Button, Field, cx } from "@rappel/ui";
import { confirmMappingAction } from "../actions";
import type { TargetRow } from "../lib/mapping-form";
import type { MappingFormState } from "../types";

export interface MappingFormProps {
  tenantSlug: string;
  importId: string;
  headers: string[];
  firstRow: Record<string, string>;
  targets: TargetRow[];
  presetName: string | null;
  conflicts: { header: string; target: string; takenBy: string }[];
  /** Requirements one of several fields can meet, in words. */
  alternatives: string[];
}

export function MappingForm({ tenantSlug, importId, headers, firstRow, targets, presetName, conflicts, alternatives }: MappingFormProps) {
  const t = useTranslations("imports.mapping");
  const [state, action, pending] = useActionState<MappingFormState, FormData>(confirmMappingAction, { status: "idle" });
  const [selected, setSelected] = useState<Record<string, string>>(() => Object.fromEntries(targets.map((r) => [r.target, r.selected])));
  const errorsRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (state.status !== "invalid") return;
    setSelected((current) => ({ ...current, ...Object.fromEntries(Object.entries(state.selections).map(([k, v]) => [k.slice(4), v])) }));
    errorsRef.current?.focus();
  }, [state]);

  const duplicateTargets = new Set(state.status === "invalid" ? state.errors.flatMap((e) => (e.kind === "duplicate" ? e.targets : [])) : []);
  const labelOf = new Map(targets.map((r) => [r.target, r.label]));
  const options = [{ value: "", label: t("notImported") }, ...headers.map((h) => ({ value: h, label: h }))];

  return (
    <form action={action} className="flex flex-col gap-6" aria-describedby={state.status === "invalid" ? "mapping-errors" : undefined}>
      <input type="hidden" name="tenantSlug" value={tenantSlug} />
      <input type="hidden" name="importId" value={importId} />

      {presetName ? (
        <p role="note" className="rounded-md border border-indigo-200 bg-indigo-50 px-3 py-2 text-sm text-indigo-950">
          {t("presetApplied", { name: presetName })}
        </p>
      ) : null}

      <div ref={errorsRef} tabIndex={-1} id="mapping-errors" role="alert" className="empty:hidden focus:outline-2 focus:outline-indigo-600">
        {state.status === "invalid" ? (
          <div className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">
            <p className="font-semibold">{t("errors.title")}</p>
            <ul className="mt-1 list-disc pl-5">
              {state.errors.map((e, i) => (
                <li key={i}>
                  {e.kind === "gap"
                    ? t("errors.gap", { fields: e.text })
                    : e.kind === "duplicate"
                      ? t("errors.duplicate", { column: e.text, fields: e.targets.map((x) => labelOf.get(x) ?? x).join(", ") })
                      : e.kind === "unknown"
                        ? t("errors.unknown", { column: e.text })
                        : e.text}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>

      {conflicts.length > 0 ? (
        <div className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
          <p className="font-semibold">{t("conflicts.title")}</p>
          <ul className="mt-1 list-disc pl-5">
            {conflicts.map((c) => (
              <li key={c.header}>{t("conflicts.item", { column: c.header, field: c.target, takenBy: c.takenBy })}</li>
            ))}
          </ul>
        </div>
      ) : null}

      <section aria-labelledby="mapping-fields-title" className="rounded-lg border border-slate-200 bg-white shadow-sm">
        <h2 id="mapping-fields-title" className="px-4 pt-4 text-base font-semibold text-slate-900 sm:px-6">
          {t("fields.title")}
        </h2>
        <div className="px-4 pb-3 text-sm text-slate-700 sm:px-6">
          <p>{t("fields.hint")}</p>
          {alternatives.length > 0 ? (
            <>
              <p className="mt-1">{t("fields.alternatives")}</p>
              <ul className="list-disc pl-5">
                {alternatives.map((a) => (
                  <li key={a}>{a}</li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{t("fields.title")}</caption>
            <thead className="border-y border-slate-200 bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-4 py-2 font-semibold sm:px-6">{t("fields.target")}</th>
                <th scope="col" className="px-4 py-2 font-semibold">{t("fields.column")}</th>
                <th scope="col" className="hidden px-4 py-2 font-semibold md:table-cell">{t("fields.example")}</th>
                <th scope="col" className="px-4 py-2 font-semibold">{t("fields.origin")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {targets.map((row) => {
                const id = `col-${row.target}`;
                const value = selected[row.target] ?? "";
                const invalid = duplicateTargets.has(row.target);
                return (
                  <tr key={row.target} className={invalid ? "bg-red-50" : undefined}>
                    <th scope="row" className="px-4 py-2 align-middle font-medium text-slate-900 sm:px-6">
                      <label htmlFor={id}>
                        {row.label}
                        {row.required ? (
                          <>
                            <span aria-hidden="true" className="ml-1 text-red-700">*</span>
                            <span className="ml-1 text-xs font-normal text-slate-700">({t("required")})</span>
                          </>
                        ) : null}
                      </label>
                    </th>
                    <td className="px-4 py-2">
                      <select
                        id={id}
                        name={`col.${row.target}`}
                        value={value}
                        aria-invalid={invalid || undefined}
                        aria-describedby={`${id}-origin`}
                        onChange={(e) => setSelected((s) => ({ ...s, [row.target]: e.target.value }))}
                        className={cx(
                          "min-h-11 w-full min-w-[12rem] rounded-md border bg-white px-3 py-2 text-sm text-slate-900 focus:outline-2 focus:outline-offset-1 focus:outline-indigo-600",
                          invalid ? "border-red-700" : "border-slate-400",
                        )}
                      >
                        {options.map((o) => (
                          <option key={o.value} value={o.value}>
                            {o.label}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td className="hidden max-w-[14rem] truncate px-4 py-2 text-slate-700 md:table-cell" title={value ? firstRow[value] : undefined}>
                      {value ? firstRow[value] || "—" : "—"}
                    </td>
                    <td id={`${id}-origin`} className="px-4 py-2 text-xs text-slate-700">
                      {value !== row.selected
                        ? t("origin.manual")
                        : row.origin === "preset"
                          ? t("origin.preset")
                          : row.origin === "suggestion"
                            ? t("origin.suggestion", { confidence: Math.round((row.confidence ?? 0) * 100) })
                            : t("origin.none")}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>

      <div className="flex max-w-xl flex-col gap-4">
        <Field
          id="preset-name"
          name="presetName"
          label={t("presetName")}
          optionalLabel={t("optional")}
          hint={t("presetNameHint")}
          maxLength={100}
          defaultValue={state.status === "invalid" ? state.presetName : ""}
          autoComplete="off"
        />
        <div>
          <Button type="submit" busy={pending}>
            {pending ? t("confirming") : t("confirm")}
          </Button>
        </div>
      </div>
    </form>
  );
}
