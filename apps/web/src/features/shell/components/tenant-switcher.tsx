"use client";
// Lists the user's organisations; choosing one keeps the current area when the role there
// allows it.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import type { TenantAreaId } from "@rappel/access";
import { cx } from "@rappel/ui";
import { switchTarget } from "../lib/nav-paths";
import { Menu } from "./menu";

export interface SwitcherTenant {
  slug: string;
  name: string;
  roleLabel: string;
  areas: TenantAreaId[];
}

export function TenantSwitcher({ current, tenants }: { current: SwitcherTenant; tenants: SwitcherTenant[] }) {
  const t = useTranslations("shell");
  const pathname = usePathname();
  if (tenants.length < 2) {
    return (
      <p className="truncate text-sm font-semibold text-slate-900">
        <span className="sr-only">{t("currentTenant")} : </span>
        {current.name}
      </p>
    );
  }
  return (
    <Menu
      align="start"
      ariaLabel={`${t("switchTenant")} (${current.name})`}
      label={<span className="truncate">{current.name}</span>}
    >
      <p className="px-2 pb-1 text-xs font-semibold tracking-wide text-slate-600 uppercase">{t("tenantList")}</p>
      <ul>
        {tenants.map((tenant) => {
          const isCurrent = tenant.slug === current.slug;
          return (
            <li key={tenant.slug}>
              <Link
                href={switchTarget(pathname, tenant)}
                aria-current={isCurrent ? "true" : undefined}
                className={cx(
                  "flex min-h-11 flex-col justify-center rounded-md px-2 py-1.5 text-sm",
                  "focus-visible:outline-2 focus-visible:outline-indigo-600",
                  isCurrent ? "bg-indigo-50 text-indigo-900" : "text-slate-800 hover:bg-slate-100",
                )}
              >
                <span className="font-medium">{tenant.name}</span>
                <span className="text-xs text-slate-600">{tenant.roleLabel}</span>
              </Link>
            </li>
          );
        })}
      </ul>
    </Menu>
  );
}
