// `/`: sends the user to their first organisation, or the admin area for platform-only users;
// an account with neither gets a page that says so (not a redirect loop).
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { homePath } from "@rappel/auth";
import { EmptyState } from "@rappel/ui";
import { requireUser } from "@/server/guard";
import { getMemberships } from "@/server/session";
import { SignOutButton } from "../shell/components/sign-out-button";

export async function HomePage() {
  const user = await requireUser("/");
  const target = homePath(user, await getMemberships(user.id));
  if (target) redirect(target);
  const t = await getTranslations("home");
  return (
    <div className="flex min-h-screen items-center justify-center bg-slate-50 px-4">
      <main id="main" className="w-full max-w-xl">
        <h1 className="sr-only">{t("noAccessTitle")}</h1>
        <EmptyState title={t("noAccessTitle")} description={t("noAccessBody")} action={<SignOutButton />} />
      </main>
    </div>
  );
}
