/** @jsxImportSource preact */
// The frame of every public survey page: the venue's name on its brand colour (checked for
// contrast in the builder), a readable single column on a phone, the spectator's language.
import type { ComponentChildren } from "preact";
import type { TLocale } from "@rappel/survey";
import { publicText } from "./public-text";

export const NEUTRAL_COLOUR = "#1f3a68";

export function PublicShell({ venue, title, children }: { venue: string; title: string; children: ComponentChildren }) {
  return (
    <>
      <header class="sv-header">
        <div class="sv-wrap">
          <p class="sv-venue">{venue}</p>
          <h1>{title}</h1>
        </div>
      </header>
      <main class="sv-main">{children}</main>
    </>
  );
}

export type StatusKind = "unknown" | "closed" | "thanks" | "tooMany";

export function StatusMessage({ kind, locale, venue = "", children }: { kind: StatusKind; locale: TLocale; venue?: string; children?: ComponentChildren }) {
  const t = publicText(locale);
  return (
    <PublicShell venue={venue} title={t(`${kind}Title`)}>
      <p class="sv-lead">{t(`${kind}Body`, { venue })}</p>
      {children}
    </PublicShell>
  );
}
