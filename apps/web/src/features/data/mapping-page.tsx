// The mapping step: how the file was read, the first rows as they will be read, and one select
// per target field with the suggested (or preset) column pre-selected. Confirming queues it.
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { loadEnv } from "@rappel/config";
import { withTenant } from "@rappel/db";
import { checkPreviewRows, listMappingPresets, previewImport } from "@rappel/ignition-import";
import { fieldLabel, type FileKind } from "@rappel/ticketing-import";
import { PageHeader } from "@rappel/ui";
import { getDb } from "@/server/db";
import { requireTenantPermission } from "@/server/guard";
import { ImportBreadcrumb } from "./components/import-breadcrumb";
import { MappingForm } from "./components/mapping-form";
import { PreviewTable } from "./components/preview-table";
import { ReadSummaryNote } from "./components/read-summary-note";
import { loadImportOr404 } from "./lib/load-import";
import { alternativeRequirements, targetRows, type Language } from "./lib/mapping-form";
import { DATA_PERMISSION, type ImportPageProps } from "./lib/page-props";

const PREVIEW_ROWS = 10;

export async function MappingPage({ params }: ImportPageProps) {
  const { tenantSlug, importId } = await params;
  const { user, tenant } = await requireTenantPermission(tenantSlug, DATA_PERMISSION, `/t/${tenantSlug}/data/imports/${importId}/mapping`);
  const view = await loadImportOr404(tenant.tenantId, user.id, importId);
  const base = `/t/${tenant.slug}/data/imports/${view.id}`;
  if (view.status !== "uploaded") redirect(base);
  const kind = view.kind as FileKind;
  const language: Language = (await getLocale()) === "en" ? "en" : "fr";
  const t = await getTranslations("imports.mapping");

  const presets = await withTenant(getDb(), tenant.tenantId, (tx) => listMappingPresets(tx, tenant.tenantId, kind), { userId: user.id });
  const preview = await previewImport(loadEnv().STORAGE_DIR, tenant.tenantId, view.id, kind, presets);
  const preset = preview.matchingPreset ?? null;
  const initial = preset?.mapping ?? preview.suggestions.mapping;
  const rows = preview.rows.slice(0, PREVIEW_ROWS);
  const checks = checkPreviewRows(initial, rows, language);
  const mappedTo = new Map(Object.entries(initial.columns as Record<string, string | undefined>).flatMap(([target, header]) => (header ? [[header, fieldLabel(kind, target, language)]] : [])));
  const conflicts = preview.suggestions.columns.flatMap((c) =>
    c.conflict ? [{ header: c.header, target: fieldLabel(kind, c.conflict.target, language), takenBy: c.conflict.takenBy }] : [],
  );

  return (
    <>
      <ImportBreadcrumb slug={tenant.slug} fileName={view.fileName} current={t("step")} currentHref={base} />
      <PageHeader eyebrow={t("eyebrow")} title={t("title")} description={t("description", { file: view.fileName })} />
      <div className="flex flex-col gap-6">
        <ReadSummaryNote summary={preview.summary} />
        <PreviewTable
          headers={preview.headers}
          rows={rows}
          mappedTo={mappedTo}
          checks={checks}
          caption={t("preview.caption", { count: rows.length })}
        />
        <MappingForm
          tenantSlug={tenant.slug}
          importId={view.id}
          headers={[...preview.headers]}
          // Rows have a null prototype (headers are data); a client component needs a plain object.
          firstRow={{ ...preview.rows[0]?.raw }}
          targets={targetRows(kind, language, preview.suggestions, preset?.mapping ?? null)}
          presetName={preset?.name ?? null}
          alternatives={alternativeRequirements(kind, language)}
          conflicts={conflicts}
        />
      </div>
    </>
  );
}

export async function mappingMetadata(): Promise<Metadata> {
  const t = await getTranslations("imports.mapping");
  return { title: t("title") };
}
