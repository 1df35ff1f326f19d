// One DPIA: its risk map, the form by CNIL section, the PDF export and the history.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { Card, PageHeader, buttonClasses } from "@rappel/ui";
import { DpoRecordError, getDpia, listDocumentHistory, listOverdueActions, verifyDocumentChain } from "@rappel/dpo-records";
import { getDb } from "@/server/db";
import { requirePlatformPermission } from "@/server/guard";
import { DpoTabs } from "../components/dpo-tabs";
import { ChainStatus } from "../components/chain-status";
import { HistoryTable } from "../components/history-table";
import { saveDpiaAction } from "./actions";
import { DpiaForm } from "./dpia-form";
import { RiskMap } from "./risk-map";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function DpiaPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requirePlatformPermission("platform.privacy.manage", `/admin/dpo/dpias/${id}`);
  if (!UUID.test(id)) notFound();
  const db = getDb();
  let dpia;
  try {
    dpia = await getDpia(db, id);
  } catch (error) {
    if (error instanceof DpoRecordError && error.status === 404) notFound();
    throw error;
  }
  const [history, chain, t, format] = await Promise.all([listDocumentHistory(db, "dpia", id), verifyDocumentChain(db, id), getTranslations("dpo.dpias"), getFormatter()]);
  const overdue = listOverdueActions(dpia.content, new Date().toISOString().slice(0, 10));
  return (
    <>
      <PageHeader
        eyebrow={dpia.reference}
        title={dpia.title}
        description={`${t(`validation.decisions.${dpia.content.validation.decision}`)} · v${dpia.version} · ${format.dateTime(dpia.updatedAt, { dateStyle: "medium" })}`}
        actions={<a href={`/admin/dpo/dpias/${id}/export.pdf`} download className={buttonClasses("secondary")}>{t("exportPdf")}</a>}
      />
      <DpoTabs current="dpias" />
      <a href="/admin/dpo/dpias" className="mb-4 inline-block text-sm text-indigo-800 underline">{t("back")}</a>
      <section aria-labelledby="map-title" className="mb-6">
        <Card className="flex flex-col gap-3">
          <h2 id="map-title" className="text-lg font-semibold text-slate-900">{t("sections.map")}</h2>
          <RiskMap risks={dpia.content.risks} />
          {overdue.length ? <p className="text-sm font-medium text-red-800">{t("action.overdue")} : {overdue.map((a) => `${a.action} (${a.owner}, ${a.dueDate})`).join(" ; ")}</p> : null}
        </Card>
      </section>
      <DpiaForm dpia={dpia.content} hidden={{ id, version: String(dpia.version) }} action={saveDpiaAction} />
      <ChainStatus report={chain} />
      <HistoryTable rows={history} fieldLabel={(k) => (k in { context: 1, principles: 1, risks: 1, actions: 1, dpoOpinion: 1, subjectsOpinion: 1, validation: 1 } ? t(`sections.${k}` as never) : k)} />
    </>
  );
}

export async function dpiaMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("dpo.dpias"))("title") };
}
