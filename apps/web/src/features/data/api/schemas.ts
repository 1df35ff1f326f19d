// The REST API's inputs and outputs as zod schemas: requests are parsed with them, and the
// OpenAPI document (openapi.ts) is generated from the same schemas, so the two cannot drift.
import "zod-openapi";
import { z } from "zod";
import { FILE_KINDS, ZColumnMapping } from "@rappel/ticketing-import";

export const ZImportKind = z.enum(FILE_KINDS).meta({
  id: "ImportKind",
  description: "What the file holds: `tickets` (orders and tickets), `performances`, or `spectators`.",
});

export const ZImportStatusValue = z.enum(["uploaded", "queued", "running", "completed", "failed", "cancelled"]).meta({
  id: "ImportStatusValue",
  description: "`uploaded`: waiting for its column mapping; `queued` → `running` → `completed`, `failed` or `cancelled`.",
});

export const ZColumnMappingDoc = ZColumnMapping.meta({
  id: "ColumnMapping",
  description: "Which source column feeds which target field: `{ version: 1, kind, columns: { <target>: <header> } }`.",
  example: { version: 1, kind: "tickets", columns: { orderRef: "N° commande", orderDate: "Date de vente", price: "Prix TTC", performanceRef: "Code séance" } },
});

export const ZImportIdParams = z.object({
  importId: z.uuid().meta({ description: "The import's id, as returned when the file was uploaded." }),
});

export const ZCreateImportQuery = z.object({
  kind: ZImportKind,
  preset: z.string().trim().min(1).max(100).optional().meta({
    description: "Name of a mapping preset saved in Rappel: the import is queued with it at once.",
  }),
  mapping: z.string().min(2).max(20_000).optional().meta({
    description: "A column mapping, JSON-encoded (see ColumnMapping): the import is queued with it at once. Can also be sent as a multipart field.",
  }),
  fileName: z.string().trim().min(1).max(255).optional().meta({
    description: "The file's name, for a raw body (its extension tells CSV from XLSX). Multipart uploads carry their own.",
    example: "export-billetterie.csv",
  }),
});

export const ZImportStatus = z
  .object({
    id: z.uuid(),
    kind: ZImportKind,
    status: ZImportStatusValue,
    source: z.enum(["ui", "api"]),
    fileName: z.string(),
    fileSize: z.number().int().meta({ description: "In bytes." }),
    createdAt: z.iso.datetime(),
    startedAt: z.iso.datetime().nullable(),
    finishedAt: z.iso.datetime().nullable(),
    cancelRequested: z.boolean(),
    rows: z.object({
      read: z.number().int(),
      accepted: z.number().int(),
      rejected: z.number().int(),
      warnings: z.number().int().meta({ description: "Warnings on the rows kept (e-mail typo in a common domain, invalid phone…)." }),
    }),
    progress: z.object({
      fraction: z.number().min(0).max(1).nullable().meta({ description: "0–1, estimated while running." }),
      etaSeconds: z.number().int().nullable().meta({ description: "Seconds left, estimated; null when unknown or finished." }),
      rowsPerSecond: z.number().nullable(),
      bytesRead: z.number().int().meta({ description: "Bytes of the file read so far (the fraction and ETA go by bytes)." }),
    }),
    error: z.string().nullable().meta({ description: "Why the import failed, for a person." }),
    links: z.object({ self: z.string(), rejectedRows: z.string() }),
  })
  .meta({ id: "ImportStatus" });

export const ZMappingSuggestions = z
  .object({
    headers: z.array(z.string()).meta({ description: "The file's header row, as read." }),
    mapping: ZColumnMappingDoc,
    columns: z.array(
      z.object({
        header: z.string(),
        target: z.string().nullable(),
        confidence: z.number().min(0).max(1),
        conflict: z.object({ target: z.string(), takenBy: z.string(), confidence: z.number() }).optional(),
      }),
    ),
    missing: z.array(z.string()).meta({ description: "Required targets the suggested mapping does not cover." }),
    matchingPreset: z.string().nullable().meta({ description: "A saved preset for the same header row, to pass as `preset`." }),
  })
  .meta({ id: "MappingSuggestions" });

export const ZCreateImportResponse = z
  .object({ import: ZImportStatus, suggestions: ZMappingSuggestions.optional() })
  .meta({ id: "CreateImportResponse" });

export const ZConfirmMappingBody = z
  .object({
    mapping: ZColumnMappingDoc.optional(),
    preset: z.string().trim().min(1).max(100).optional().meta({ description: "Use a saved preset instead of `mapping`." }),
    savePresetAs: z.string().trim().min(1).max(100).optional().meta({ description: "Also save `mapping` as a preset of this name." }),
  })
  .meta({ id: "ConfirmMappingRequest", description: "Give either `mapping` or `preset`." });

export const ZRejectedRowsQuery = z.object({
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  lang: z.enum(["fr", "en"]).default("fr").meta({ description: "Language of the reasons." }),
  format: z.enum(["json", "csv"]).optional().meta({ description: "`csv` downloads every rejected row (also chosen by `Accept: text/csv`)." }),
});

export const ZRejectedRows = z
  .object({
    total: z.number().int(),
    offset: z.number().int(),
    limit: z.number().int(),
    rows: z.array(
      z.object({
        line: z.number().int().meta({ description: "Line in the file (the header is line 1)." }),
        reasons: z.array(z.string()).meta({ description: "Why the row was refused, as sentences in `lang`." }),
        issues: z.array(z.object({ code: z.string(), field: z.string(), value: z.string().optional() })),
        raw: z.record(z.string(), z.string()).meta({ description: "The row's cells, by header." }),
      }),
    ),
  })
  .meta({ id: "RejectedRows" });

export const ZApiErrorBody = z
  .object({ error: z.object({ code: z.string().meta({ example: "auth.invalid" }), message: z.string() }) })
  .meta({ id: "Error" });
