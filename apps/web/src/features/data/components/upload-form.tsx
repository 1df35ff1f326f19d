"use client";
// The upload form. A plain multipart form posted to the upload route (it works without
// JavaScript); with JavaScript, a file over the limit or of the wrong type is refused before
// sending, and the button shows the upload is under way.
import { useRef, useState, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import { Button, SelectField } from "@rappel/ui";
import { ACCEPT_ATTRIBUTE, hasAcceptedExtension } from "../lib/limits";

export interface UploadFormProps {
  action: string;
  maxBytes: number;
  maxLabel: string;
  kinds: { value: string; label: string }[];
  /** An error code from the previous attempt (the route redirects back with it). */
  initialError: string | null;
}

export function UploadForm({ action, maxBytes, maxLabel, kinds, initialError }: UploadFormProps) {
  const t = useTranslations("imports.upload");
  const [error, setError] = useState<string | null>(initialError);
  const [busy, setBusy] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    const file = fileRef.current?.files?.[0];
    const problem = !file ? "no_file" : !hasAcceptedExtension(file.name) ? "unsupported_type" : file.size > maxBytes ? "too_large" : file.size === 0 ? "empty_file" : null;
    if (problem) {
      event.preventDefault();
      setError(problem);
      fileRef.current?.focus();
      return;
    }
    setError(null);
    setBusy(true);
  }

  const message = error ? t(`errors.${error}` as "errors.no_file", { max: maxLabel }) : null;
  return (
    <form method="post" action={action} encType="multipart/form-data" onSubmit={onSubmit} className="flex flex-col gap-5" noValidate>
      <SelectField id="import-kind" name="kind" label={t("kind")} options={kinds} hint={t("kindHint")} defaultValue="tickets" />
      <div className="flex flex-col gap-1">
        <label htmlFor="import-file" className="text-sm font-medium text-slate-900">
          {t("file")}
        </label>
        <input
          ref={fileRef}
          id="import-file"
          name="file"
          type="file"
          accept={ACCEPT_ATTRIBUTE}
          required
          autoFocus={Boolean(initialError)}
          aria-invalid={message ? true : undefined}
          aria-describedby={message ? "import-file-hint import-file-error" : "import-file-hint"}
          onChange={() => setError(null)}
          className="min-h-11 rounded-md border border-slate-400 bg-white px-3 py-2 text-sm text-slate-900 file:mr-3 file:rounded file:border-0 file:bg-slate-100 file:px-3 file:py-1.5 file:font-semibold file:text-slate-900 focus:outline-2 focus:outline-offset-1 focus:outline-indigo-600"
        />
        <p id="import-file-hint" className="text-sm text-slate-600">
          {t("fileHint", { max: maxLabel })}
        </p>
        <p id="import-file-error" role="alert" className="text-sm font-medium text-red-700">
          {message}
        </p>
      </div>
      <div>
        <Button type="submit" busy={busy}>
          {busy ? t("sending") : t("submit")}
        </Button>
      </div>
    </form>
  );
}
