// The rejected rows as a streamed CSV download (page by page from the service), for the staff UI
// and the REST API alike. The import is checked first, so an unknown id is a clean 404 rather
// than a download that breaks.
import { withTenant, type Database } from "@rappel/db";
import { getImportJob, streamRejectedRowsCsv } from "@rappel/ignition-import";

function toWebStream(chunks: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (error) {
        controller.error(error);
      }
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}

/** "rejets-export-billetterie.csv" from the import's file name. */
export function rejectedCsvFileName(fileName: string, locale: "fr" | "en"): string {
  const base = fileName.replace(/\.[^.]+$/, "").replace(/[^\p{L}\p{N}._-]+/gu, "-").slice(0, 80) || "import";
  return `${locale === "fr" ? "rejets" : "rejected"}-${base}.csv`;
}

export async function rejectedRowsCsvResponse(
  db: Database,
  scope: { tenantId: string; userId: string | null },
  importId: string,
  locale: "fr" | "en",
): Promise<Response> {
  const job = await withTenant(db, scope.tenantId, (tx) => getImportJob(tx, scope.tenantId, importId));
  const body = toWebStream(streamRejectedRowsCsv(db, scope.tenantId, importId, { locale, actorUserId: scope.userId }));
  const name = rejectedCsvFileName(job.fileName, locale);
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name.replace(/[^\x20-\x7e]/g, "_")}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      "Cache-Control": "no-store",
    },
  });
}
