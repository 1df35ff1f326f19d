// The public pages' short messages (unknown or closed link, thanks, too many attempts) in the
// venue's frame.
import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import type { TLocale } from "@rappel/survey";
import { PublicShell } from "./public-shell";

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
