/** @jsxImportSource preact */
// The public pages' short messages (unknown or closed link, thanks, too many attempts) in the
// venue's frame.
import type { ComponentChildren } from "preact";
import type { TLocale } from "@rappel/survey/schema";
import { PublicShell } from "./public-shell";
import { publicText } from "./public-text";

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
