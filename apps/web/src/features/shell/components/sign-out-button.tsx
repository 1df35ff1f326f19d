"use client";
import { useState } from "react";
import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import { Button } from "@rappel/ui";

export function SignOutButton({ className }: { className?: string }) {
  const t = useTranslations("shell");
  const [busy, setBusy] = useState(false);
  return (
    <Button
      variant="secondary"
      className={className}
      busy={busy}
      onClick={async () => {
        setBusy(true);
        await signOut({ callbackUrl: "/sign-in" });
      }}
    >
      {busy ? t("signingOut") : t("signOut")}
    </Button>
  );
}
