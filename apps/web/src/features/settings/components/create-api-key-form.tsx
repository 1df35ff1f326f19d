"use client";
// Creating an API key: a name and its scopes. The new key comes back from the server action and
// is shown once, with a copy button and a warning; focus moves to it so nobody misses it.
import { useActionState, useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { Button, Field } from "@rappel/ui";
import { API_KEY_SCOPES } from "@/server/api-keys/scopes";
import { createApiKeyAction } from "../actions";
import type { CreateApiKeyState } from "../types";

export function CreateApiKeyForm({ tenantSlug }: { tenantSlug: string }) {
  const t = useTranslations("apiKeys");
  const [state, action, pending] = useActionState<CreateApiKeyState, FormData>(createApiKeyAction, { status: "idle" });
  const resultRef = useRef<HTMLDivElement>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    if (state.status === "created") {
      setCopied(false);
      resultRef.current?.focus();
    } else if (state.status === "invalid" && state.errors.name) nameRef.current?.focus();
  }, [state]);

  const errors = state.status === "invalid" ? state.errors : { name: null, scopes: null };

  async function copy(key: string) {
    await navigator.clipboard.writeText(key);
    setCopied(true);
  }

  return (
    <div className="flex flex-col gap-6">
      {state.status === "created" ? (
        <div
          ref={resultRef}
          tabIndex={-1}
          role="status"
          className="flex flex-col gap-3 rounded-lg border border-amber-300 bg-amber-50 p-4 focus:outline-2 focus:outline-indigo-600"
        >
          <h3 className="text-base font-semibold text-slate-900">{t("created.title", { name: state.name })}</h3>
          <p className="text-sm font-medium text-amber-900">{t("created.warning")}</p>
          <label htmlFor="new-api-key" className="text-sm font-medium text-slate-900">
            {t("created.label")}
          </label>
          {/* A textarea so the whole key is visible (it wraps) and can be selected at once. */}
          <textarea
            id="new-api-key"
            readOnly
            rows={5}
            value={state.key}
            onFocus={(e) => e.currentTarget.select()}
            spellCheck={false}
            className="w-full resize-none rounded-md border border-slate-400 bg-white px-3 py-2 font-mono text-sm break-all text-slate-900"
          />
          <div>
            <Button variant="secondary" onClick={() => void copy(state.key)}>
              {copied ? t("created.copied") : t("created.copy")}
            </Button>
          </div>
          <p aria-live="polite" className="sr-only">
            {copied ? t("created.copied") : ""}
          </p>
        </div>
      ) : null}

      <form action={action} className="flex flex-col gap-5" noValidate>
        <input type="hidden" name="tenantSlug" value={tenantSlug} />
        <Field
          ref={nameRef}
          id="api-key-name"
          name="name"
          label={t("form.name")}
          hint={t("form.nameHint")}
          error={errors.name ? t(`errors.${errors.name}` as "errors.name.required") : null}
          defaultValue={state.status === "invalid" ? state.name : ""}
          key={state.status === "created" ? state.key : "form"}
          maxLength={80}
          required
          autoComplete="off"
        />
        <fieldset aria-describedby={errors.scopes ? "api-key-scopes-error" : undefined} className="flex flex-col gap-2">
          <legend className="mb-1 text-sm font-medium text-slate-900">{t("form.scopes")}</legend>
          {API_KEY_SCOPES.map((scope) => (
            <label key={scope} className="flex min-h-11 items-start gap-3 text-sm text-slate-800">
              <input type="checkbox" name="scopes" value={scope} defaultChecked className="mt-1 h-5 w-5 shrink-0 accent-indigo-700" />
              <span>
                <code className="font-mono text-slate-900">{scope}</code> — {t(`scopes.${scope}`)}
              </span>
            </label>
          ))}
          {errors.scopes ? (
            <p id="api-key-scopes-error" className="text-sm font-medium text-red-700">
              {t("errors.scopes.required")}
            </p>
          ) : null}
        </fieldset>
        <div>
          <Button type="submit" busy={pending}>
            {pending ? t("form.creating") : t("form.submit")}
          </Button>
        </div>
      </form>
    </div>
  );
}
