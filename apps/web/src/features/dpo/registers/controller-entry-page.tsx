// One activity of the controller register (RT): its form and its version history.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { PageHeader } from "@rappel/ui";
import {
  CONTROLLER_FIELDS,
  DpoRecordError,
  SECURITY_MEASURES,
  SENSITIVE_FLAGS,
  ZControllerActivity,
  getDocument,
  listDocumentHistory,
  verifyDocumentChain,
} from "@rappel/dpo-records";
import { getDb } from "@/server/db";
import { requirePlatformPermission } from "@/server/guard";
import { DpoTabs } from "../components/dpo-tabs";
import { EntryForm } from "../components/entry-form";
import { ChainStatus } from "../components/chain-status";
import { HistoryTable } from "../components/history-table";
import { toFormValues } from "../lib/entry-values";
import { saveControllerActivityAction } from "./actions";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function ControllerEntryPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requirePlatformPermission("platform.privacy.manage", `/admin/dpo/registers/controller/${id}`);
  const [t, format] = await Promise.all([getTranslations("dpo"), getFormatter()]);
  const options = { sensitive: [...SENSITIVE_FLAGS], security: [...SECURITY_MEASURES] };
  const back = <a href="/admin/dpo/registers" className="mb-4 inline-block text-sm text-indigo-800 underline">{t("registers.backToRegisters")}</a>;
  if (id === "new") {
    return (
      <>
        <PageHeader title={t("entry.newTitle")} />
        <DpoTabs current="registers" />
        {back}
        <EntryForm fields={CONTROLLER_FIELDS} options={options} values={toFormValues(CONTROLLER_FIELDS, null)} hidden={{ id: "new", version: "0" }} action={saveControllerActivityAction} />
      </>
    );
  }
  if (!UUID.test(id)) notFound();
  const db = getDb();
  let doc;
  try {
    doc = await getDocument(db, "controller_activity", id, ZControllerActivity);
  } catch (error) {
    if (error instanceof DpoRecordError && error.status === 404) notFound();
    throw error;
  }
  const [history, chain] = await Promise.all([listDocumentHistory(db, "controller_activity", id), verifyDocumentChain(db, id)]);
  const date = (d: Date) => format.dateTime(d, { dateStyle: "medium" });
  return (
    <>
      <PageHeader
        title={t("entry.editTitle", { name: doc.title })}
        description={t("entry.meta", { created: date(doc.createdAt), updated: date(doc.updatedAt), version: doc.version })}
      />
      <DpoTabs current="registers" />
      {back}
      <EntryForm
        fields={CONTROLLER_FIELDS}
        options={options}
        values={toFormValues(CONTROLLER_FIELDS, doc.content)}
        hidden={{ id: doc.id, version: String(doc.version) }}
        action={saveControllerActivityAction}
      />
      <ChainStatus report={chain} />
      <HistoryTable rows={history} fieldLabel={(k) => t(`fields.${k}` as never)} />
    </>
  );
}

export async function controllerEntryMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("dpo.registers"))("controllerTitle") };
}
