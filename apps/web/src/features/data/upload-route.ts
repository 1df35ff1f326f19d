// The staff UI's upload: the Data page's form posts the file here. It lives under /api/ because
// the app's proxy (proxy.ts) runs on every other path, and Next buffers in memory — and cuts at
// 10 MB — the body of any request the proxy sees; here the file streams from the socket to disk.
// The session and data.imports.manage are checked by the guard before the body is read.
import { randomUUID } from "node:crypto";
import { loadEnv } from "@rappel/config";
import { deleteImportFile, previewImport } from "@rappel/ignition-import";
import { FILE_KINDS, ImportFileError } from "@rappel/ticketing-import";
import { z } from "zod";
import { getDb } from "@/server/db";
import { requireTenantPermission } from "@/server/guard";
import { registerUpload } from "./lib/import-commands";
import { MAX_IMPORT_FILE_BYTES } from "./lib/limits";
import { DATA_PERMISSION } from "./lib/page-props";
import { receiveUpload, UploadError } from "./lib/receive-upload";
import type { TUploadErrorCode } from "./lib/upload-errors";

function seeOther(location: string): Response {
  return new Response(null, { status: 303, headers: { Location: location } });
}

/** A form posted from another site is refused (the session cookie is SameSite=Lax as well). */
export function isCrossSite(request: Request): boolean {
  if (request.headers.get("sec-fetch-site") === "cross-site") return true;
  const origin = request.headers.get("origin");
  if (!origin) return false;
  try {
    return new URL(origin).host !== (request.headers.get("x-forwarded-host") ?? request.headers.get("host"));
  } catch {
    return true;
  }
}

export async function uploadFromForm(request: Request, context: { params: Promise<{ tenantSlug: string }> }): Promise<Response> {
  const { tenantSlug } = await context.params;
  const { user, tenant } = await requireTenantPermission(tenantSlug, DATA_PERMISSION, `/t/${tenantSlug}/data`);
  if (isCrossSite(request)) return new Response("Cross-site upload refused", { status: 403 });
  const back = (code: TUploadErrorCode) => seeOther(`/t/${tenant.slug}/data?error=${code}#upload`);
  const storageDir = loadEnv().STORAGE_DIR;
  const importId = randomUUID();
  const scope = { storageDir, tenantId: tenant.tenantId, importId };

  let received;
  try {
    received = await receiveUpload(request, { ...scope, maxBytes: MAX_IMPORT_FILE_BYTES });
  } catch (error) {
    if (error instanceof UploadError) return back(error.code);
    throw error;
  }
  const kind = z.enum(FILE_KINDS).safeParse(received.fields.kind);
  if (!kind.success) {
    await deleteImportFile(storageDir, tenant.tenantId, importId);
    return back("kind");
  }
  try {
    // Reading the header row now refuses an unreadable file before it becomes an import.
    await previewImport(storageDir, tenant.tenantId, importId, kind.data);
  } catch (error) {
    await deleteImportFile(storageDir, tenant.tenantId, importId);
    if (error instanceof ImportFileError) return back(error.code === "empty_file" ? "empty_file" : error.code);
    throw error;
  }
  await registerUpload(getDb(), { tenantId: tenant.tenantId, importId, kind: kind.data, source: "ui", file: received.file, createdById: user.id });
  return seeOther(`/t/${tenant.slug}/data/imports/${importId}/mapping`);
}
