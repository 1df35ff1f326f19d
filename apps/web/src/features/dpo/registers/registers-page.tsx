// The DPO's registers: the controller register's activities (RT) and the client tenants, each
// with its processor register entry (ST). Exports for each register.
import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { Card, PageHeader, buttonClasses } from "@rappel/ui";
import { ensureControllerRegister, listControllerActivities, verifyPlatformChains } from "@rappel/dpo-records";
import { getDb } from "@/server/db";
import { requirePlatformPermission } from "@/server/guard";
import { ChainStatus } from "../components/chain-status";
import { DpoTabs } from "../components/dpo-tabs";
import { ExportLinks } from "../components/export-links";

export async function RegistersPage() {
  const { user } = await requirePlatformPermission("platform.privacy.manage", "/admin/dpo/registers");
  const db = getDb();
  await ensureControllerRegister(db, user.id);
  const [activities, chain, tenants, t, format] = await Promise.all([
    listControllerActivities(db),
    // Registers, breaches, DPIAs, vendor identity and sub-processors: one check for the console.
    verifyPlatformChains(db),
    db.tenant.findMany({ select: { id: true, name: true, slug: true, status: true }, orderBy: { name: "asc" } }),
    getTranslations("dpo.registers"),
    getFormatter(),
  ]);
  const date = (d: Date) => format.dateTime(d, { dateStyle: "medium" });
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <DpoTabs current="registers" />
      <section aria-labelledby="rt-title" className="mb-10">
        <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
          <h2 id="rt-title" className="text-lg font-semibold text-slate-900">{t("controllerTitle")}</h2>
          <div className="flex flex-wrap items-center gap-2">
            <ExportLinks base="/admin/dpo/registers/controller/export" name={t("controllerTitle")} />
            <a href="/admin/dpo/registers/controller/new" className={buttonClasses("primary")}>{t("newActivity")}</a>
          </div>
        </div>
        <Card padding="none" className="overflow-x-auto">
          <table className="w-full min-w-[40rem] text-left text-sm">
            <caption className="sr-only">{t("caption")}</caption>
            <thead className="border-b border-slate-200 bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-4 py-3 font-semibold">{t("reference")}</th>
                <th scope="col" className="px-4 py-3 font-semibold">{t("name")}</th>
                <th scope="col" className="px-4 py-3 font-semibold">{t("updated")}</th>
                <th scope="col" className="px-4 py-3 font-semibold">{t("version")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {activities.map((a) => (
                <tr key={a.id}>
                  <td className="px-4 py-3 font-mono text-slate-700">{a.reference}</td>
                  <th scope="row" className="px-4 py-3 font-medium">
                    <a href={`/admin/dpo/registers/controller/${a.id}`} className="text-indigo-800 underline-offset-2 hover:underline">{a.title}</a>
                  </th>
                  <td className="px-4 py-3 text-slate-700">{date(a.updatedAt)}</td>
                  <td className="px-4 py-3 text-slate-700">{a.version}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      </section>
      <section aria-labelledby="st-title">
        <h2 id="st-title" className="mb-1 text-lg font-semibold text-slate-900">{t("processorListTitle")}</h2>
        <p className="mb-3 text-sm text-slate-600">{t("processorListHint")}</p>
        <Card padding="none" className="overflow-x-auto">
          <table className="w-full min-w-[30rem] text-left text-sm">
            <caption className="sr-only">{t("tenantsCaption")}</caption>
            <thead className="border-b border-slate-200 bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-4 py-3 font-semibold">{t("tenant")}</th>
                <th scope="col" className="px-4 py-3 font-semibold"><span className="sr-only">{t("open")}</span></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {tenants.map((tenant) => (
                <tr key={tenant.id}>
                  <th scope="row" className="px-4 py-3 font-medium text-slate-900">{tenant.name} <span className="font-mono text-xs text-slate-500">{tenant.slug}</span></th>
                  <td className="px-4 py-3 text-right">
                    <a href={`/admin/dpo/registers/processor/${tenant.id}`} className="text-indigo-800 underline-offset-2 hover:underline">{t("open")}</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      </section>
      <ChainStatus report={chain} showScope />
    </>
  );
}

export async function registersMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("dpo.registers"))("title") };
}
