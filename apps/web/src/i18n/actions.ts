"use server";
// Switching language: a preference of the visitor, so it needs no tenant permission. It is kept
// in a cookie and, for a signed-in user, saved on their account for their next sign-in.
import { cookies } from "next/headers";
import { z } from "zod";
import { getDb } from "@/server/db";
import { getCurrentUser } from "@/server/session";
import { LOCALE_COOKIE, ZLocale } from "./locales";

const ZSetLocaleForm = z.object({ locale: ZLocale });

export async function setLocaleAction(formData: FormData): Promise<void> {
  const parsed = ZSetLocaleForm.safeParse({ locale: formData.get("locale") });
  if (!parsed.success) return;
  const { locale } = parsed.data;
  (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", maxAge: 365 * 24 * 3600, sameSite: "lax", httpOnly: true });
  const user = await getCurrentUser();
  if (user && user.locale !== locale) await getDb().user.update({ where: { id: user.id }, data: { locale } });
}
