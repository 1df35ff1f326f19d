// The frame of every public survey page: the venue's name on its brand colour (checked for
// contrast in the builder), a readable single column on a phone, the spectator's language.
import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import type { TLocale } from "@rappel/survey";

export function PublicShell({ locale, venue, colour, title, children }: { locale: TLocale; venue: string; colour: string; title: string; children: ReactNode }) {
  return (
    <div lang={locale} style={{ ["--brand" as string]: colour }} className="min-h-screen bg-slate-50 text-slate-900">
      <header className="bg-[var(--brand)] px-4 py-4 text-white">
        <div className="mx-auto max-w-2xl">
          <p className="text-sm font-medium opacity-95">{venue}</p>
          <h1 className="text-2xl font-bold">{title}</h1>
        </div>
      </header>
      <main className="mx-auto max-w-2xl px-4 py-6">{children}</main>
    </div>
  );
}

export async function StatusMessage({
  kind,
  locale,
  venue = "",
  children,
}: {
  kind: "unknown" | "closed" | "thanks" | "tooMany";
  locale: TLocale;
  venue?: string;
  children?: ReactNode;
}) {
  const t = await getTranslations({ locale, namespace: "satisfaction.public" });
  const title = t(`${kind}Title`);
  const body = t(`${kind}Body`, { venue });
  return (
    <PublicShell locale={locale} venue={venue} colour="#1f3a68" title={title}>
      <p className="text-lg">{body}</p>
      {children}
    </PublicShell>
  );
}
