// The DPIA list, with a form to start a new one.
import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { Button, Card, EmptyState, PageHeader } from "@rappel/ui";
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
        <Card padding="none" className="overflow-x-auto">
          <table className="w-full min-w-[36rem] text-left text-sm">
            <caption className="sr-only">{t("caption")}</caption>
            <thead className="border-b border-slate-200 bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-4 py-3 font-semibold">{t("reference")}</th>
                <th scope="col" className="px-4 py-3 font-semibold">{t("name")}</th>
                <th scope="col" className="px-4 py-3 font-semibold">{t("status")}</th>
                <th scope="col" className="px-4 py-3 font-semibold">{t("updated")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {dpias.map((d) => (
                <tr key={d.id}>
                  <td className="px-4 py-3 font-mono text-slate-700">{d.reference}</td>
                  <th scope="row" className="px-4 py-3 font-medium"><a href={`/admin/dpo/dpias/${d.id}`} className="text-indigo-800 underline-offset-2 hover:underline">{d.title}</a></th>
                  <td className="px-4 py-3 text-slate-700">{t(`validation.decisions.${d.content.validation.decision}`)}</td>
                  <td className="px-4 py-3 text-slate-700">{format.dateTime(d.updatedAt, { dateStyle: "medium" })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
    </>
  );
}

export async function dpiasMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("dpo.dpias"))("title") };
}
