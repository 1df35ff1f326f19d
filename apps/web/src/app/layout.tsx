import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { NextIntlClientProvider } from "next-intl";
import { headers } from "next/headers";
import { getLocale, getMessages, getTranslations } from "next-intl/server";
import { isPublicSurveyPath, REQUEST_PATH_HEADER } from "@/server/request-path";
import "./globals.css";

// Every page depends on the session and the language cookie: render per request, never at build.
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("meta");
  return { title: { template: `%s · ${t("title")}`, default: t("title") }, description: t("description") };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#3730a3" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  // Public survey pages are server-rendered forms: their only client component is the error
  // boundary, so they get its messages instead of the whole catalogue.
  const publicSurvey = isPublicSurveyPath((await headers()).get(REQUEST_PATH_HEADER));
  const messages = publicSurvey ? { error: (await getMessages()).error } : undefined;
  return (
    <html lang={locale}>
      <body>
        <NextIntlClientProvider messages={messages}>{children}</NextIntlClientProvider>
      </body>
    </html>
  );
}
