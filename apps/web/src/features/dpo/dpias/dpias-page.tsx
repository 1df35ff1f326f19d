// The DPIA list, with a form to start a new one.
import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { Button, Card, DataTable, EmptyState, PageHeader } from "@rappel/ui";
import { listDpias } from "@rappel/dpo-records";
import { getDb } from "@/server/db";
import { requirePlatformPermission } from "@/server/guard";
import { DpoTabs } from "../components/dpo-tabs";
import { createDpiaAction } from "./actions";

export async function DpiasPage() {
  await requirePlatformPermission("platform.privacy.manage", "/admin/dpo/dpias");
  const [dpias, t, format] = await Promise.all([listDpias(getDb()), getTranslations("dpo.dpias"), getFormatter()]);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <DpoTabs current="dpias" />
      <Card className="mb-6">
        <form action={createDpiaAction} className="flex flex-wrap items-end gap-3">
          <div className="flex min-w-[18rem] flex-1 flex-col gap-1">
            <label htmlFor="dpia-title" className="text-sm font-medium text-slate-900">{t("newTitle")}</label>
            <input id="dpia-title" name="title" required maxLength={200} className="min-h-11 rounded-md border border-slate-400 px-3 py-2" />
          </div>
          <Button type="submit">{t("create")}</Button>
        </form>
      </Card>
      {dpias.length === 0 ? <EmptyState title={t("empty")} /> : (
        <Card padding="none">
          <DataTable
            caption={t("caption")}
            hideCaption
            density="comfortable"
            tableClassName="min-w-[36rem]"
            rowHeaderColumn={1}
            rows={dpias}
            rowKey={(d) => d.id}
            columns={[
              { header: t("reference"), className: "font-mono", cell: (d) => d.reference },
              { header: t("name"), cell: (d) => <a href={`/admin/dpo/dpias/${d.id}`} className="text-indigo-800 underline-offset-2 hover:underline">{d.title}</a> },
              { header: t("status"), cell: (d) => t(`validation.decisions.${d.content.validation.decision}`) },
              { header: t("updated"), cell: (d) => format.dateTime(d.updatedAt, { dateStyle: "medium" }) },
            ]}
          />
        </Card>
      )}
    </>
  );
}

export async function dpiasMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("dpo.dpias"))("title") };
}
