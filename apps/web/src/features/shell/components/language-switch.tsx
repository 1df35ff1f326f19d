"use client";
// Language choice as real buttons in a form posting to a server action (works with the keyboard
// and announces the current language).
import { useLocale, useTranslations } from "next-intl";
import { useTransition } from "react";
import { useRouter } from "next/navigation";
import { cx } from "@rappel/ui";
import { setLocaleAction } from "@/i18n/actions";
import { LOCALES } from "@/i18n/locales";

export function LanguageSwitch({ compact = false }: { compact?: boolean }) {
  const t = useTranslations();
  const locale = useLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <form
      action={(formData) =>
        startTransition(async () => {
          await setLocaleAction(formData);
          router.refresh();
        })
      }
    >
      <fieldset className="flex items-center gap-1" disabled={pending}>
        <legend className={compact ? "sr-only" : "mb-1 text-xs font-semibold tracking-wide text-slate-600 uppercase"}>
          {t("shell.language")}
        </legend>
        {LOCALES.map((l) => (
          <button
            key={l}
            type="submit"
            name="locale"
            value={l}
            lang={l}
            aria-pressed={l === locale}
            className={cx(
              "min-h-11 min-w-11 rounded-md px-3 py-2 text-sm font-medium",
              "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600",
              l === locale ? "bg-indigo-700 text-white" : "text-slate-800 hover:bg-slate-100",
            )}
          >
            {t(`languages.${l}`)}
          </button>
        ))}
      </fieldset>
    </form>
  );
}
