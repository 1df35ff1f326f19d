// The vendor's identity (a versioned platform document): its form, the integrity of its history
// and the history itself. The registers, their exports and the breach drafts read it.
import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { PageHeader } from "@rappel/ui";
import { VENDOR_FIELDS, getVendorProfileDocument, listDocumentHistory, verifyDocumentChain } from "@rappel/dpo-records";
import { getDb } from "@/server/db";
import { requirePlatformPermission } from "@/server/guard";
import { ChainStatus } from "../components/chain-status";
import { DpoTabs } from "../components/dpo-tabs";
import { EntryForm } from "../components/entry-form";
import { HistoryTable } from "../components/history-table";
import { toFormValues } from "../lib/entry-values";
import { saveVendorProfileAction } from "./actions";

export async function VendorPage() {
  await requirePlatformPermission("platform.privacy.manage", "/admin/dpo/vendor");
  const db = getDb();
  const doc = await getVendorProfileDocument(db);
  const [t, format, history, chain] = await Promise.all([getTranslations("dpo"), getFormatter(), listDocumentHistory(db, "vendor_profile", doc.id), verifyDocumentChain(db, doc.id)]);
  return (
    <>
      <PageHeader title={t("vendor.title")} description={t("vendor.description")} />
      <DpoTabs current="vendor" />
      <p className="mb-2 text-sm text-slate-700">{t("vendor.meta", { version: doc.version, updated: format.dateTime(doc.updatedAt, { dateStyle: "medium", timeStyle: "short" }) })}</p>
      <p className="mb-4 text-sm text-slate-700">{t("vendor.regenerateHint")}</p>
      <EntryForm
        fields={VENDOR_FIELDS}
        options={{ sensitive: [], security: [] }}
        values={toFormValues(VENDOR_FIELDS, doc.content)}
        hidden={{ version: String(doc.version) }}
        action={saveVendorProfileAction}
      />
      <ChainStatus report={chain} />
      <HistoryTable rows={history} fieldLabel={(k) => t(`fields.${k}` as never)} />
    </>
  );
}

export async function vendorMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("dpo.vendor"))("title") };
}
