"use client";
// Unexpected errors: a generic message (details stay in the server logs, keyed by digest).
import { useTranslations } from "next-intl";
import { Button } from "@rappel/ui";

export function ErrorScreen({ reset }: { reset: () => void }) {
  const t = useTranslations("error");
  return (
    <div className="mx-auto flex max-w-xl flex-col items-start gap-4 py-10">
      <h1 className="text-3xl font-bold tracking-tight text-slate-900">{t("title")}</h1>
      <p className="text-base text-slate-700">{t("body")}</p>
      <Button onClick={reset}>{t("retry")}</Button>
    </div>
  );
}
