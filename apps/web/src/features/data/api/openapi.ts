// The OpenAPI 3.1 description of the REST API, generated from the zod schemas the handlers parse
// with (zod-openapi reads zod 4's .meta()), served at /api/v1/openapi.json.
import { createDocument } from "zod-openapi";
import { MAX_IMPORT_FILE_BYTES } from "../lib/limits";
import {
  ZApiErrorBody,
  ZConfirmMappingBody,
  ZCreateImportQuery,
  ZCreateImportResponse,
  ZImportIdParams,
  ZImportStatus,
  ZRejectedRows,
  ZRejectedRowsQuery,
} from "./schemas";

const error = (description: string) => ({ description, content: { "application/json": { schema: ZApiErrorBody } } });

const AUTH_ERRORS = {
  "401": error("No API key, or an invalid or revoked one."),
  "403": error("The API key lacks the scope this operation needs."),
};

const RAW_FILE = { schema: { type: "string", format: "binary" } } as const;

export function buildOpenApiDocument(serverUrl: string): ReturnType<typeof createDocument> {
  return createDocument({
    openapi: "3.1.0",
    info: {
      title: "Rappel API",
      version: "1.0.0",
      description:
        "Send ticketing exports (orders/tickets, performances, spectators) to Rappel and follow their import. " +
        "Authenticate with an API key created in Settings → API keys: `Authorization: Bearer rpl_…`.",
    },
    servers: [{ url: serverUrl }],
    security: [{ apiKey: [] }],
    components: {
      securitySchemes: {
        apiKey: { type: "http", scheme: "bearer", description: "An API key of your organisation (`rpl_…`), with the scopes the operation lists." },
      },
    },
    paths: {
      "/api/v1/imports": {
        post: {
          operationId: "createImport",
          summary: "Upload a file to import",
          description:
            `Scope \`imports:write\`. The file (CSV/TSV/TXT or XLSX, at most ${MAX_IMPORT_FILE_BYTES} bytes) is the raw body, or the multipart field \`file\`. ` +
            "Without `mapping` or `preset` the import waits in the `uploaded` state (201) and the response holds the suggested mapping; " +
            "with one it is queued at once (202).",
          requestParams: { query: ZCreateImportQuery },
          requestBody: {
            required: true,
            content: {
              "text/csv": RAW_FILE,
              "application/octet-stream": RAW_FILE,
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": RAW_FILE,
              "multipart/form-data": {
                schema: {
                  type: "object",
                  required: ["file"],
                  properties: {
                    file: { type: "string", format: "binary" },
                    mapping: { type: "string", description: "A JSON-encoded ColumnMapping." },
                    preset: { type: "string", description: "A saved preset's name." },
                  },
                },
              },
            },
          },
          responses: {
            "201": { description: "Stored, waiting for its column mapping.", content: { "application/json": { schema: ZCreateImportResponse } } },
            "202": { description: "Stored and queued.", content: { "application/json": { schema: ZCreateImportResponse } } },
            "400": error("Invalid query or body."),
            ...AUTH_ERRORS,
            "413": error("The file is larger than the limit."),
            "415": error("Not a CSV, TSV, TXT or XLSX file."),
            "422": error("Unreadable file, unknown preset or invalid mapping."),
            "503": error("The queue is unavailable; retry later."),
          },
        },
      },
      "/api/v1/imports/{importId}": {
        get: {
          operationId: "getImport",
          summary: "Status and counts of an import",
          description: "Scope `imports:read`.",
          requestParams: { path: ZImportIdParams },
          responses: {
            "200": { description: "The import.", content: { "application/json": { schema: ZImportStatus } } },
            ...AUTH_ERRORS,
            "404": error("No such import in your organisation."),
          },
        },
      },
      "/api/v1/imports/{importId}/mapping": {
        post: {
          operationId: "confirmImportMapping",
          summary: "Give the column mapping of an uploaded import, and queue it",
          description: "Scope `imports:write`. Only for an import in the `uploaded` state.",
          requestParams: { path: ZImportIdParams },
          requestBody: { required: true, content: { "application/json": { schema: ZConfirmMappingBody } } },
          responses: {
            "202": { description: "Queued.", content: { "application/json": { schema: ZImportStatus } } },
            "400": error("Neither or both of `mapping` and `preset`."),
            ...AUTH_ERRORS,
            "404": error("No such import in your organisation."),
            "409": error("The import is not waiting for a mapping."),
            "422": error("Invalid mapping or unknown preset."),
            "503": error("The queue is unavailable; retry later."),
          },
        },
      },
      "/api/v1/imports/{importId}/rejected-rows": {
        get: {
          operationId: "listRejectedRows",
          summary: "The rows the import refused, with the reasons",
          description: "Scope `imports:read`. JSON pages, or every row as CSV (`format=csv` or `Accept: text/csv`).",
          requestParams: { path: ZImportIdParams, query: ZRejectedRowsQuery },
          responses: {
            "200": {
              description: "A page of rejected rows, or the CSV file.",
              content: { "application/json": { schema: ZRejectedRows }, "text/csv": { schema: { type: "string" } } },
            },
            ...AUTH_ERRORS,
            "404": error("No such import in your organisation."),
          },
        },
      },
    },
  });
}
