// The staff UI frame: skip link, header (brand, organisation switcher, account menu), navigation
// and the main landmark. Server component; the interactive bits are small client components.
import type { ReactNode } from "react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { TenantMembershipView, StaffUser } from "@rappel/auth";
import { allowedAreas } from "@rappel/auth";
import { adminNavigation, tenantNavigation } from "../lib/navigation";
import { NavLinks } from "./nav-links";
import { TenantSwitcher, type SwitcherTenant } from "./tenant-switcher";
import { UserMenu } from "./user-menu";

export interface AppShellProps {
  user: StaffUser;
  memberships: TenantMembershipView[];
  /** The tenant being worked in; absent in the admin area. */
  tenant?: TenantMembershipView;
  children: ReactNode;
}

export async function AppShell({ user, memberships, tenant, children }: AppShellProps) {
  const t = await getTranslations();
  const toSwitcher = (m: TenantMembershipView): SwitcherTenant => ({
    slug: m.slug,
    name: m.name,
    roleLabel: t(`roles.${m.role}`),
    areas: allowedAreas(m.role),
  });
  const adminItems = adminNavigation(user.platformRole);
  const areaItems = tenant ? tenantNavigation(tenant.slug, tenant.role) : [];
  const navItems = tenant
    ? [
        ...areaItems.map((i) => ({ href: i.href, label: t(i.labelKey) })),
        ...(adminItems.length ? [{ href: "/admin", label: t("shell.admin") }] : []),
      ]
    : [
        ...adminItems.map((i) => ({ href: i.href, label: t(i.labelKey) })),
        ...memberships.slice(0, 1).map((m) => ({ href: `/t/${m.slug}`, label: t("shell.backToTenants") })),
      ];
  const roleLabel = tenant
    ? t("shell.role", { role: t(`roles.${tenant.role}`) })
    : user.platformRole
      ? t("shell.role", { role: t(`roles.${user.platformRole}`) })
      : undefined;

  return (
    <div className="flex min-h-screen flex-col bg-slate-50">
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-white px-4 py-2 font-semibold text-indigo-800 focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:outline-2 focus:outline-indigo-600"
      >
        {t("shell.skipLink")}
      </a>
      <header className="sticky top-0 z-10 border-b border-slate-200 bg-white">
        <div className="flex h-16 items-center justify-between gap-3 px-3 sm:px-6">
          <div className="flex min-w-0 items-center gap-3 sm:gap-5">
            <Link
              href="/"
              className="shrink-0 rounded-md text-lg font-bold tracking-tight text-indigo-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
            >
              {t("common.appName")}
            </Link>
            {tenant ? (
              <TenantSwitcher current={toSwitcher(tenant)} tenants={memberships.map(toSwitcher)} />
            ) : (
              <p className="truncate text-sm font-semibold text-slate-900">{t("admin.title")}</p>
            )}
          </div>
          <UserMenu name={user.name} email={user.email} roleLabel={roleLabel} />
        </div>
      </header>
      <div className="flex flex-1 flex-col md:flex-row">
        <nav
          aria-label={tenant ? t("shell.mainNav") : t("shell.adminNav")}
          className="border-b border-slate-200 bg-white px-2 py-2 md:w-60 md:shrink-0 md:border-r md:border-b-0 md:px-3 md:py-4"
        >
          <NavLinks items={navItems} />
        </nav>
        <main id="main" tabIndex={-1} className="min-w-0 flex-1 px-4 py-6 focus:outline-none sm:px-8 sm:py-8">
          {children}
        </main>
      </div>
    </div>
  );
}
