// GET …/offboarding/archive (the export zip, with its receipt) and …/offboarding/attestation (the
// signed PDF). Platform permission first, each download recorded on the offboarding's log (and in
// the tenant's audit chain while it stands).
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { loadEnv } from "@rappel/config";
import { OffboardingError, recordOffboardingDownload } from "@rappel/privacy";
import { getDb } from "@/server/db";
import { requirePlatformPermission } from "@/server/guard";
import { resolveTenant } from "../lib/console";
import { OFFBOARDING_PERMISSION, platformActor } from "./lib/offboarding";

type Params = { params: Promise<{ tenantId: string }> };

function refused(message: string, status: number): Response {
  return new Response(message, { status, headers: { "content-type": "text/plain; charset=utf-8" } });
}

export async function getExportArchive(_request: Request, { params }: Params): Promise<Response> {
  const { tenantId } = await params;
  const context = await requirePlatformPermission(OFFBOARDING_PERMISSION, `/admin/privacy/${tenantId}/offboarding`);
  const tenant = await resolveTenant(getDb(), tenantId);
  try {
    const record = await recordOffboardingDownload(getDb(), platformActor(context), tenant.id, "export_archive", new Date());
    if (!record.exportArchive) return refused("no export archive (not exported yet, or destroyed with the data)", 404);
    const storage = resolve(loadEnv().STORAGE_DIR);
    const path = resolve(join(storage, record.exportArchive));
    if (!path.startsWith(`${storage}/`)) return refused("invalid archive path", 404);
    return new Response(new Uint8Array(await readFile(path)), {
      headers: {
        "content-type": "application/zip",
        "content-disposition": `attachment; filename="offboarding-${tenant.slug}.zip"`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof OffboardingError) return refused(error.message, 404);
    throw error;
  }
}

export async function getAttestation(_request: Request, { params }: Params): Promise<Response> {
  const { tenantId } = await params;
  const context = await requirePlatformPermission(OFFBOARDING_PERMISSION, `/admin/privacy/${tenantId}/offboarding`);
  const tenant = await resolveTenant(getDb(), tenantId);
  try {
    const record = await recordOffboardingDownload(getDb(), platformActor(context), tenant.id, "attestation", new Date());
    if (!record.attestationPdf) return refused("no attestation yet", 404);
    return new Response(new Uint8Array(record.attestationPdf), {
      headers: {
        "content-type": "application/pdf",
        "content-disposition": `attachment; filename="attestation-${tenant.slug}.pdf"`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof OffboardingError) return refused(error.message, 404);
    throw error;
  }
}
