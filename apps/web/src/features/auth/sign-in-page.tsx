import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { safeCallbackPath } from "@rappel/auth";
import { Card } from "@rappel/ui";
import { getCurrentUser } from "@/server/session";
import { LanguageSwitch } from "../shell/components/language-switch";
import { SignInForm } from "./components/sign-in-form";

const ZSignInSearch = z.object({
  callbackUrl: z.string().max(2048).optional().catch(undefined),
  // Set by next-auth when a sign-in posted without JavaScript fails (pages.error = /sign-in).
  error: z.string().max(64).optional().catch(undefined),
});

export interface SignInPageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function SignInPage({ searchParams }: SignInPageProps) {
  const search = ZSignInSearch.parse(await searchParams);
  const callbackUrl = safeCallbackPath(search.callbackUrl, "/");
  // Already signed in: nothing to do here.
  if (await getCurrentUser()) redirect(callbackUrl);
  const t = await getTranslations();
  return (
    <div className="flex min-h-screen flex-col items-center justify-center bg-slate-100 px-4 py-10">
      <main id="main" className="w-full max-w-md">
        <p className="mb-6 text-center text-3xl font-bold tracking-tight text-indigo-800">{t("common.appName")}</p>
        <Card>
          <h1 className="text-2xl font-bold text-slate-900">{t("signIn.title")}</h1>
          <p className="mt-1 mb-6 text-slate-700">{t("signIn.intro")}</p>
          <SignInForm callbackUrl={callbackUrl} initialError={search.error} />
        </Card>
        <div className="mt-6 flex justify-center">
          <LanguageSwitch compact />
        </div>
      </main>
    </div>
  );
}

export async function signInMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("signIn"))("title") };
}
