"use client";
import { useTranslations } from "next-intl";
import { LanguageSwitch } from "./language-switch";
import { Menu } from "./menu";
import { SignOutButton } from "./sign-out-button";

export interface UserMenuProps {
  name: string;
  email: string;
  roleLabel?: string;
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/);
  return ((parts[0]?.[0] ?? "") + (parts.length > 1 ? (parts.at(-1)?.[0] ?? "") : "")).toUpperCase() || "?";
}

export function UserMenu({ name, email, roleLabel }: UserMenuProps) {
  const t = useTranslations("shell");
  return (
    <Menu
      ariaLabel={`${t("userMenu")} (${name})`}
      label={
        <>
          <span aria-hidden="true" className="flex h-7 w-7 items-center justify-center rounded-full bg-indigo-700 text-xs font-bold text-white">
            {initials(name)}
          </span>
          <span className="hidden truncate sm:inline">{name}</span>
        </>
      }
    >
      <div className="border-b border-slate-200 px-2 pt-1 pb-2">
        <p className="text-xs text-slate-600">{t("signedInAs")}</p>
        <p className="truncate text-sm font-semibold text-slate-900">{name}</p>
        <p className="truncate text-sm text-slate-700">{email}</p>
        {roleLabel ? <p className="mt-1 text-xs text-slate-600">{roleLabel}</p> : null}
      </div>
      <div className="border-b border-slate-200 px-2 py-2">
        <LanguageSwitch />
      </div>
      <div className="px-2 pt-2">
        <SignOutButton className="w-full" />
      </div>
    </Menu>
  );
}
