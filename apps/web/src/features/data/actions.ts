"use server";
// Data area mutations from the staff UI: confirm a column mapping (then the import is queued),
// cancel an import. Each resolves the tenant slug through the guard and checks
// data.imports.manage; imports are loaded through the tenant only.
import { notFound, redirect } from "next/navigation";
import { getLocale } from "next-intl/server";
import { withTenant } from "@rappel/db";
import { loadEnv } from "@rappel/config";
import { getImportJob, ImportError, ImportNotFoundError, ImportStateError, importFilePath } from "@rappel/ignition-import";
import { openImportFile, type FileKind } from "@rappel/ticketing-import";
import { z } from "zod";
import { getDb } from "@/server/db";
import { requireTenantPermission } from "@/server/guard";
import { cancelImport, confirmMapping, QueueUnavailableError } from "./lib/import-commands";
import { describeGap, mappingFromForm } from "./lib/mapping-form";
import { DATA_PERMISSION } from "./lib/page-props";
import type { MappingFormState } from "./types";

const ZRef = z.object({ tenantSlug: z.string().min(1).max(100), importId: z.uuid() });

async function fileHeaders(tenantId: string, importId: string): Promise<readonly string[]> {
  const file = await openImportFile(importFilePath(loadEnv().STORAGE_DIR, tenantId, importId));
  await file.close();
  return file.headers;
}

export async function confirmMappingAction(_previous: MappingFormState, formData: FormData): Promise<MappingFormState> {
  const ref = ZRef.parse({ tenantSlug: formData.get("tenantSlug"), importId: formData.get("importId") });
  const { user, tenant } = await requireTenantPermission(ref.tenantSlug, DATA_PERMISSION);
  const language = (await getLocale()) === "en" ? "en" : "fr";
  const importPath = `/t/${tenant.slug}/data/imports/${ref.importId}`;
  const job = await withTenant(getDb(), tenant.tenantId, (tx) => getImportJob(tx, tenant.tenantId, ref.importId), { userId: user.id }).catch(
    (error: unknown) => {
      if (error instanceof ImportNotFoundError) notFound();
      throw error;
    },
  );
  if (job.status !== "uploaded") redirect(importPath);
  const kind = job.kind as FileKind;

  const entries = [...formData.entries()].flatMap(([k, v]) => (typeof v === "string" ? [[k, v] as [string, string]] : []));
  const result = mappingFromForm(kind, await fileHeaders(tenant.tenantId, ref.importId), entries);
  const presetName = String(formData.get("presetName") ?? "").trim().slice(0, 100);
  const selections = Object.fromEntries(entries.filter(([k]) => k.startsWith("col.")));
  if (!result.ok) {
    return {
      status: "invalid",
      selections,
      presetName,
      errors: [
        ...result.gaps.map((g) => ({ kind: "gap" as const, text: describeGap(g, kind, language) })),
        ...result.duplicates.map((d) => ({ kind: "duplicate" as const, text: d.header, targets: d.targets })),
        ...result.unknownHeaders.map((h) => ({ kind: "unknown" as const, text: h })),
      ],
    };
  }
  try {
    await confirmMapping(getDb(), { tenantId: tenant.tenantId, userId: user.id }, ref.importId, {
      mapping: result.mapping,
      savePresetAs: presetName || undefined,
    });
  } catch (error) {
    if (error instanceof ImportStateError) redirect(importPath);
    if (error instanceof QueueUnavailableError) redirect(`${importPath}?notice=queue_unavailable`);
    if (error instanceof ImportError) return { status: "invalid", selections, presetName, errors: [{ kind: "service", text: error.message }] };
    throw error;
  }
  redirect(importPath);
}

export async function cancelImportAction(formData: FormData): Promise<void> {
  const ref = ZRef.parse({ tenantSlug: formData.get("tenantSlug"), importId: formData.get("importId") });
  const { user, tenant } = await requireTenantPermission(ref.tenantSlug, DATA_PERMISSION);
  const importPath = `/t/${tenant.slug}/data/imports/${ref.importId}`;
  try {
    await cancelImport(getDb(), { tenantId: tenant.tenantId, userId: user.id }, ref.importId);
  } catch (error) {
    // Finished in the meantime: nothing to cancel, the page shows the outcome.
    if (error instanceof ImportStateError) redirect(`${importPath}?notice=not_cancellable`);
    if (error instanceof ImportNotFoundError) notFound();
    throw error;
  }
  redirect(`${importPath}?notice=cancel_requested`);
}
