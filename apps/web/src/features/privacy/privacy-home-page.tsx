// DPO console home: the tenants, each leading to its retention rules, purges and requests.
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@rappel/ui";
import { getDb } from "@/server/db";
import { requirePlatformPermission } from "@/server/guard";
import { Notice } from "./components/notice";
import { KeyRotationCard } from "./key-rotation-card";

export async function PrivacyHomePage({ searchParams }: { searchParams?: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePlatformPermission("platform.privacy.manage", "/admin/privacy");
  const done = (await searchParams)?.done === "rotation";
  const [tenants, t] = await Promise.all([
    getDb().tenant.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, slug: true, status: true } }),
    getTranslations("privacy"),
  ]);
  return (
    <>
      <PageHeader
        title={t("home.title")}
        description={t("home.description")}
        actions={
          <Link href="/admin/privacy/audit" className="font-medium text-indigo-800 underline underline-offset-2 focus-visible:outline-2 focus-visible:outline-indigo-600">
            {t("home.auditLink")}
          </Link>
        }
      />
      <Notice done={done ? t("keys.started") : null} />
      <KeyRotationCard />
      <Card padding="none">
        <ul className="divide-y divide-slate-100">
          {tenants.map((tenant) => (
            <li key={tenant.id} className="flex items-center justify-between gap-3 px-4 py-3">
              <Link
                href={`/admin/privacy/${tenant.id}`}
                className="font-medium text-indigo-800 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600"
              >
                {tenant.name}
              </Link>
              <span className="font-mono text-sm text-slate-600">{tenant.slug}</span>
            </li>
          ))}
        </ul>
      </Card>
    </>
  );
}

export async function privacyHomeMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("privacy"))("home.title") };
}
