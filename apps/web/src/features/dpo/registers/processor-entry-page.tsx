// A client tenant's processor register entry (ST): generated on first opening, editable, with a
// regeneration that keeps hand edits, exports, and the version history. Opening it goes through
// the platform path, recorded in that tenant's audit chain.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { Button, Card, PageHeader } from "@rappel/ui";
import {
  DpoRecordError,
  PROCESSOR_FIELDS,
  SECURITY_MEASURES,
  SENSITIVE_FLAGS,
  getProcessorRecord,
  listProcessorRecordHistory,
  verifyProcessorRecordChain,
} from "@rappel/dpo-records";
import { getDb } from "@/server/db";
import { requirePlatformPermission } from "@/server/guard";
import { DpoTabs } from "../components/dpo-tabs";
import { EntryForm } from "../components/entry-form";
import { ExportLinks } from "../components/export-links";
import { ChainStatus } from "../components/chain-status";
import { HistoryTable } from "../components/history-table";
import { toFormValues } from "../lib/entry-values";
import { regenerateProcessorRecordAction, saveProcessorRecordAction } from "./actions";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function ProcessorEntryPage({ params }: { params: Promise<{ tenantId: string }> }) {
  const { tenantId } = await params;
  const { user } = await requirePlatformPermission("platform.privacy.manage", `/admin/dpo/registers/processor/${tenantId}`);
  if (!UUID.test(tenantId)) notFound();
  const db = getDb();
  let record;
  try {
    record = await getProcessorRecord(db, { userId: user.id }, tenantId);
  } catch (error) {
    if (error instanceof DpoRecordError && error.status === 404) notFound();
    throw error;
  }
  const [history, chain, t, format] = await Promise.all([listProcessorRecordHistory(db, { userId: user.id }, tenantId), verifyProcessorRecordChain(db, { userId: user.id }, tenantId), getTranslations("dpo"), getFormatter()]);
  const date = (d: Date) => format.dateTime(d, { dateStyle: "medium" });
  return (
    <>
      <PageHeader
        title={t("registers.processorTitle", { tenant: record.tenantName })}
        description={t("entry.meta", { created: date(record.createdAt), updated: date(record.updatedAt), version: record.version })}
      />
      <DpoTabs current="registers" />
      <a href="/admin/dpo/registers" className="mb-4 inline-block text-sm text-indigo-800 underline">{t("registers.backToRegisters")}</a>
      <Card className="mb-6 flex flex-wrap items-center justify-between gap-4">
        <ExportLinks base={`/admin/dpo/registers/processor/${tenantId}/export`} name={record.tenantName} />
        <form action={regenerateProcessorRecordAction} className="flex flex-col items-start gap-1">
          <input type="hidden" name="tenantId" value={tenantId} />
          <Button type="submit" variant="secondary" aria-describedby="regenerate-hint">{t("entry.regenerate")}</Button>
          <p id="regenerate-hint" className="text-sm text-slate-600">{t("entry.regenerateHint")}</p>
        </form>
      </Card>
      <EntryForm
        fields={PROCESSOR_FIELDS}
        options={{ sensitive: [...SENSITIVE_FLAGS], security: [...SECURITY_MEASURES] }}
        values={toFormValues(PROCESSOR_FIELDS, record.content)}
        hidden={{ tenantId, version: String(record.version) }}
        handEdited={record.handEdited}
        action={saveProcessorRecordAction}
      />
      <ChainStatus report={chain} />
      <HistoryTable rows={history} fieldLabel={(k) => t(`fields.${k}` as never)} />
    </>
  );
}

export async function processorEntryMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("dpo.registers"))("processorListTitle") };
}
