// The frame of every public survey page: the venue's name on its brand colour (checked for
// contrast in the builder), a readable single column on a phone, the spectator's language. Pure
// markup: the builder's live preview (a client component) draws the same frame.
import type { ReactNode } from "react";
import type { TLocale } from "@rappel/survey/schema";

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
