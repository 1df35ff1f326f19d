// The REST API's import endpoints (the route files under app/api/v1 only re-export these). The
// tenant is the API key's; every import is loaded through it, so another tenant's id is a 404.
import { randomUUID } from "node:crypto";
import { loadEnv } from "@rappel/config";
import { withTenant } from "@rappel/db";
import { deleteImportFile, listMappingPresets, listRejectedRows, previewImport } from "@rappel/ignition-import";
import { getDb } from "@/server/db";
import { rejectedRowsCsvResponse } from "../lib/csv-download";
import { registerUpload, confirmMapping } from "../lib/import-commands";
import { loadImportStatus } from "../lib/import-status";
import { MAX_IMPORT_FILE_BYTES } from "../lib/limits";
import { receiveUpload } from "../lib/receive-upload";
import { requireApiKey } from "./auth";
import { ApiError, handleApi } from "./http";
import { ZConfirmMappingBody, ZCreateImportQuery, ZImportIdParams, ZRejectedRowsQuery } from "./schemas";
import { importStatusBody, suggestionsBody } from "./views";

type IdContext = { params: Promise<{ importId: string }> };

function parseMappingText(text: string | undefined): unknown {
  if (text === undefined || text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError(422, "import.mapping_invalid", "`mapping` is not valid JSON.");
  }
}

async function statusOf(tenantId: string, importId: string) {
  return importStatusBody(await withTenant(getDb(), tenantId, (tx) => loadImportStatus(tx, tenantId, importId)));
}

/** POST /api/v1/imports?kind=tickets[&preset=…|&mapping=…] with the file as body or multipart. */
export function postImport(request: Request): Promise<Response> {
  return handleApi("POST /api/v1/imports", async () => {
    const { tenantId } = await requireApiKey(request, "imports:write");
    const query = ZCreateImportQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
    const storageDir = loadEnv().STORAGE_DIR;
    const importId = randomUUID();
    const received = await receiveUpload(request, { storageDir, tenantId, importId, maxBytes: MAX_IMPORT_FILE_BYTES, fileName: query.fileName });

    let preview;
    let mapping: unknown;
    const preset = query.preset ?? (received.fields.preset?.trim() || undefined);
    try {
      mapping = parseMappingText(query.mapping ?? received.fields.mapping);
      if (mapping !== undefined && preset !== undefined) throw new ApiError(400, "request.invalid", "Give either `mapping` or `preset`, not both.");
      // Read the header row now: a file that cannot be read is refused before it becomes an import.
      const presets = await withTenant(getDb(), tenantId, (tx) => listMappingPresets(tx, tenantId, query.kind));
      preview = await previewImport(storageDir, tenantId, importId, query.kind, presets);
    } catch (error) {
      await deleteImportFile(storageDir, tenantId, importId);
      throw error;
    }

    const { queued } = await registerUpload(getDb(), {
      tenantId,
      importId,
      kind: query.kind,
      source: "api",
      file: received.file,
      createdById: null,
      choice: mapping !== undefined ? { mapping } : preset !== undefined ? { preset } : undefined,
    });
    const body = {
      import: await statusOf(tenantId, importId),
      ...(queued ? {} : { suggestions: suggestionsBody(preview.headers, preview.suggestions, preview.matchingPreset?.name ?? null) }),
    };
    return Response.json(body, { status: queued ? 202 : 201, headers: { Location: body.import.links.self } });
  });
}

/** POST /api/v1/imports/{id}/mapping: confirms the mapping of an "uploaded" import and queues it. */
export function postImportMapping(request: Request, context: IdContext): Promise<Response> {
  return handleApi("POST /api/v1/imports/{id}/mapping", async () => {
    const { tenantId } = await requireApiKey(request, "imports:write");
    const { importId } = ZImportIdParams.parse(await context.params);
    let json: unknown;
    try {
      json = await request.json();
    } catch {
      throw new ApiError(400, "request.invalid", "The body must be JSON: { \"mapping\": … } or { \"preset\": \"…\" }.");
    }
    const body = ZConfirmMappingBody.safeParse(json);
    if (!body.success) {
      throw new ApiError(422, "import.mapping_invalid", body.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
    }
    const { mapping, preset, savePresetAs } = body.data;
    if ((mapping === undefined) === (preset === undefined)) throw new ApiError(400, "request.invalid", "Give either `mapping` or `preset`.");
    await confirmMapping(getDb(), { tenantId, userId: null }, importId, { mapping, preset, savePresetAs });
    return Response.json(await statusOf(tenantId, importId), { status: 202 });
  });
}

/** GET /api/v1/imports/{id} */
export function getImport(request: Request, context: IdContext): Promise<Response> {
  return handleApi("GET /api/v1/imports/{id}", async () => {
    const { tenantId } = await requireApiKey(request, "imports:read");
    const { importId } = ZImportIdParams.parse(await context.params);
    return Response.json(await statusOf(tenantId, importId), { headers: { "Cache-Control": "no-store" } });
  });
}

/** GET /api/v1/imports/{id}/rejected-rows (JSON page, or the whole list as CSV). */
export function getRejectedRows(request: Request, context: IdContext): Promise<Response> {
  return handleApi("GET /api/v1/imports/{id}/rejected-rows", async () => {
    const { tenantId } = await requireApiKey(request, "imports:read");
    const { importId } = ZImportIdParams.parse(await context.params);
    const query = ZRejectedRowsQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
    const wantsCsv = query.format === "csv" || (query.format === undefined && /\btext\/csv\b/.test(request.headers.get("accept") ?? ""));
    if (wantsCsv) return rejectedRowsCsvResponse(getDb(), { tenantId, userId: null }, importId, query.lang);
    const page = await withTenant(getDb(), tenantId, (tx) =>
      listRejectedRows(tx, tenantId, importId, { offset: query.offset, limit: query.limit, locale: query.lang, actorUserId: null }),
    );
    return Response.json(
      {
        total: page.total,
        offset: query.offset,
        limit: query.limit,
        rows: page.rows.map((r) => ({
          line: r.line,
          reasons: r.reasons,
          issues: r.issues.map((i) => ({ code: i.code, field: i.field, ...(i.value !== undefined ? { value: i.value } : {}) })),
          raw: r.raw,
        })),
      },
      { headers: { "Cache-Control": "no-store" } },
    );
  });
}
