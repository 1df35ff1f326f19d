// The DPO's registers: the controller register's activities (RT) and the client tenants, each
// with its processor register entry (ST). Exports for each register.
import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { Card, DataTable, PageHeader, buttonClasses } from "@rappel/ui";
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
        <Card padding="none">
          <DataTable
            caption={t("caption")}
            hideCaption
            density="comfortable"
            tableClassName="min-w-[40rem]"
            rows={activities}
            rowKey={(a) => a.id}
            rowHeaderColumn={1}
            columns={[
              { header: t("reference"), className: "font-mono", cell: (a) => a.reference },
              {
                header: t("name"),
                cell: (a) => (
                  <a href={`/admin/dpo/registers/controller/${a.id}`} className="text-indigo-800 underline-offset-2 hover:underline">
                    {a.title}
                  </a>
                ),
              },
              { header: t("updated"), cell: (a) => date(a.updatedAt) },
              { header: t("version"), cell: (a) => a.version },
            ]}
          />
        </Card>
      </section>
      <section aria-labelledby="st-title">
        <h2 id="st-title" className="mb-1 text-lg font-semibold text-slate-900">{t("processorListTitle")}</h2>
        <p className="mb-3 text-sm text-slate-600">{t("processorListHint")}</p>
        <Card padding="none">
          <DataTable
            caption={t("tenantsCaption")}
            hideCaption
            density="comfortable"
            tableClassName="min-w-[30rem]"
            rows={tenants}
            rowKey={(tenant) => tenant.id}
            columns={[
              {
                header: t("tenant"),
                cell: (tenant) => (
                  <>
                    {tenant.name} <span className="font-mono text-xs text-slate-600">{tenant.slug}</span>
                  </>
                ),
              },
              {
                header: <span className="sr-only">{t("open")}</span>,
                className: "text-right",
                cell: (tenant) => (
                  <a href={`/admin/dpo/registers/processor/${tenant.id}`} className="text-indigo-800 underline-offset-2 hover:underline">
                    {t("open")}
                    <span className="sr-only"> {tenant.name}</span>
                  </a>
                ),
              },
            ]}
          />
        </Card>
      </section>
      <ChainStatus report={chain} showScope />
    </>
  );
}

export async function registersMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("dpo.registers"))("title") };
}
