// Serialises service results into the API's response shapes (schemas.ts).
import type { MappingSuggestion } from "@rappel/ticketing-import";
import { mappingGaps } from "@rappel/ignition-import";
import type { z } from "zod";
import type { ImportStatusView } from "../lib/import-status";
import type { ZImportStatus, ZMappingSuggestions } from "./schemas";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function importStatusBody(view: ImportStatusView): z.infer<typeof ZImportStatus> {
  const self = `/api/v1/imports/${view.id}`;
  return {
    id: view.id,
    kind: view.kind,
    status: view.status,
    source: view.source === "api" ? "api" : "ui",
    fileName: view.fileName,
    fileSize: view.fileSize,
    createdAt: view.createdAt.toISOString(),
    startedAt: iso(view.startedAt),
    finishedAt: iso(view.finishedAt),
    cancelRequested: view.cancelRequested,
    rows: { read: view.rowsRead, accepted: view.rowsAccepted, rejected: view.rowsRejected, warnings: view.warnings },
    progress: { fraction: view.fraction, etaSeconds: view.etaSeconds, rowsPerSecond: view.rowsPerSecond, bytesRead: view.bytesRead },
    error: view.errorMessage,
    links: { self, rejectedRows: `${self}/rejected-rows` },
  };
}

export function suggestionsBody(
  headers: readonly string[],
  suggestions: MappingSuggestion,
  matchingPreset: string | null,
): z.infer<typeof ZMappingSuggestions> {
  return {
    headers: [...headers],
    mapping: suggestions.mapping,
    columns: suggestions.columns.map((c) => ({
      header: c.header,
      target: c.target,
      confidence: c.confidence,
      ...(c.conflict ? { conflict: c.conflict } : {}),
    })),
    missing: mappingGaps(suggestions.mapping),
    matchingPreset,
  };
}
