"use client";
// The DKIM form: domain, selector and the private key (a write-only field: the saved key is never
// sent back, leaving it empty keeps it). Errors are tied to their field for screen readers.
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Button, Field } from "@rappel/ui";
import { saveDkimAction, type DkimFormState } from "../dkim-actions";

export function DkimForm({ tenantSlug, current }: { tenantSlug: string; current: { domain: string; selector: string } | null }) {
  const t = useTranslations("activation.dkim");
  const [state, action, pending] = useActionState<DkimFormState, FormData>(saveDkimAction, { status: "idle" });
  const invalid = state.status === "invalid" ? state : null;
  const error = (field: "domain" | "selector" | "privateKey") => (invalid?.errors[field] ? t(`errors.${invalid.errors[field]}`) : null);
  const keyError = error("privateKey");
  return (
    <form action={action} className="grid gap-3" aria-describedby="dkim-status">
      <input type="hidden" name="tenantSlug" value={tenantSlug} />
      <p id="dkim-status" role="status" className="text-sm">
        {state.status === "saved" ? t("saved") : state.status === "removed" ? t("removed") : invalid ? t("invalid") : ""}
      </p>
      <Field id="dkim-domain" name="domain" label={t("domain")} hint={t("domainHint")} required
        defaultValue={invalid?.values.domain ?? current?.domain ?? ""} error={error("domain")} autoComplete="off" />
      <Field id="dkim-selector" name="selector" label={t("selector")} hint={t("selectorHint")} required
        defaultValue={invalid?.values.selector ?? current?.selector ?? "rappel"} error={error("selector")} autoComplete="off" />
      <div className="grid gap-1">
        <label htmlFor="dkim-key" className="text-sm font-medium text-slate-900">{t("privateKey")}</label>
        <p id="dkim-key-hint" className="text-sm text-slate-600">{current ? t("privateKeyKeep") : t("privateKeyHint")}</p>
        <textarea
          id="dkim-key" name="privateKey" rows={5} spellCheck={false} autoComplete="off" required={!current}
          defaultValue={invalid?.values.privateKey ?? ""} placeholder="-----BEGIN PRIVATE KEY-----"
          aria-describedby={keyError ? "dkim-key-hint dkim-key-error" : "dkim-key-hint"} aria-invalid={keyError ? true : undefined}
          className={`rounded-md border bg-white px-3 py-2 font-mono text-xs text-slate-900 focus:outline-none focus:ring-2 focus:ring-indigo-600 ${keyError ? "border-red-700" : "border-slate-400"}`}
        />
        {keyError ? <p id="dkim-key-error" className="text-sm font-medium text-red-700">{keyError}</p> : null}
      </div>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" variant="secondary" disabled={pending}>{t("save")}</Button>
        {current ? <Button type="submit" name="intent" value="remove" variant="secondary" disabled={pending} formNoValidate>{t("remove")}</Button> : null}
      </div>
    </form>
  );
}
