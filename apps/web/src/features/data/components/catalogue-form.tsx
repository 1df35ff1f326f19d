"use client";
// The show catalogue upload: a CSV of titles and genres; the outcome (shows updated, titles not
// found, genres not in the taxonomy) is shown under the form and announced.
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@rappel/ui";
import { importCatalogueAction } from "../show-actions";
import type { CatalogueFormState } from "../types";

export function CatalogueForm({ tenantSlug, maxLabel }: { tenantSlug: string; maxLabel: string }) {
  const t = useTranslations("imports.shows.catalogue");
  const [state, action, pending] = useActionState<CatalogueFormState, FormData>(importCatalogueAction, { status: "idle" });
  const error = state.status === "error" ? t(`errors.${state.code}`, { max: maxLabel }) : null;
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <input type="hidden" name="tenantSlug" value={tenantSlug} />
      <div className="flex flex-col gap-1">
        <label htmlFor="catalogue-file" className="text-sm font-medium text-slate-900">
          {t("file")}
        </label>
        <input
          id="catalogue-file"
          name="file"
          type="file"
          accept=".csv,.txt,text/csv"
          required
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "catalogue-file-hint catalogue-file-error" : "catalogue-file-hint"}
          className="min-h-11 rounded-md border border-slate-400 bg-white px-3 py-2 text-sm text-slate-900 file:mr-3 file:rounded file:border-0 file:bg-slate-100 file:px-3 file:py-1.5 file:font-semibold file:text-slate-900 focus:outline-2 focus:outline-offset-1 focus:outline-indigo-600"
        />
        <p id="catalogue-file-hint" className="text-sm text-slate-600">
          {t("hint", { max: maxLabel })}
        </p>
        {error ? (
          <p id="catalogue-file-error" role="alert" className="text-sm font-medium text-red-800">
            {error}
          </p>
        ) : null}
      </div>
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? t("sending") : t("submit")}
        </Button>
      </div>
      {state.status === "done" ? (
        <div role="status" className="rounded-md border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm text-emerald-950">
          <p className="font-medium">
            {t("done", { rows: state.result.rows, matched: state.result.matched, updated: state.result.showsUpdated })}
          </p>
          {state.result.unmatchedTitles.length > 0 ? (
            <p className="mt-1">{t("unmatched", { count: state.result.unmatched, titles: state.result.unmatchedTitles.join(", ") })}</p>
          ) : null}
          {state.result.unknownGenres.length > 0 ? (
            <p className="mt-1">{t("unknownGenres", { count: state.result.unknownGenre, labels: state.result.unknownGenres.join(", ") })}</p>
          ) : null}
        </div>
      ) : null}
    </form>
  );
}
