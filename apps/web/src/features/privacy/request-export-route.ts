// GET …/requests/<id>/export — runs the access/portability export and downloads the zip. The
// zip is built in memory and streamed to the DPO: no copy is left on the server's disk.
import { exportRequestSubject, RequestError } from "@rappel/privacy";
import { getDb } from "@/server/db";
import { requirePlatformPermission } from "@/server/guard";
import { dpoActor, masterKey, resolveTenant } from "./lib/console";

export async function getRequestExport(_request: Request, { params }: { params: Promise<{ tenantId: string; requestId: string }> }): Promise<Response> {
  const { tenantId, requestId } = await params;
  const context = await requirePlatformPermission("platform.privacy.manage", `/admin/privacy/${tenantId}`);
  const tenant = await resolveTenant(getDb(), tenantId);
  try {
    const { zip } = await exportRequestSubject(getDb(), dpoActor(context), tenant.id, requestId, { now: new Date(), master: masterKey() });
    return new Response(new Uint8Array(zip), {
      headers: {
        "content-type": "application/zip",
        "content-disposition": `attachment; filename="export-${requestId.slice(0, 8)}.zip"`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof RequestError) return new Response(error.message, { status: error.status, headers: { "content-type": "text/plain; charset=utf-8" } });
    throw error;
  }
}
