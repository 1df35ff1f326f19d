// The OpenAPI document is generated from the schemas the handlers use; these tests check it is a
// usable 3.1 document and that what the handlers return matches what it promises.
import { describe, expect, it } from "vitest";
import { suggestMapping } from "@rappel/ticketing-import";
import { buildOpenApiDocument } from "./openapi";
import { ZImportStatus, ZMappingSuggestions } from "./schemas";
import { importStatusBody, suggestionsBody } from "./views";

describe("OpenAPI document", () => {
  const doc = buildOpenApiDocument("https://rappel.example");

  it("describes every endpoint, authenticated by bearer key", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.servers).toEqual([{ url: "https://rappel.example" }]);
    expect(doc.components?.securitySchemes?.apiKey).toMatchObject({ type: "http", scheme: "bearer" });
    expect(Object.keys(doc.paths ?? {}).sort()).toEqual([
      "/api/v1/imports",
      "/api/v1/imports/{importId}",
      "/api/v1/imports/{importId}/mapping",
      "/api/v1/imports/{importId}/rejected-rows",
    ]);
    const operations = Object.values(doc.paths ?? {}).flatMap((item) => [item.get, item.post].filter(Boolean));
    for (const op of operations) {
      expect(op!.responses?.["401"], op!.operationId).toBeDefined();
      expect(op!.responses?.["403"], op!.operationId).toBeDefined();
    }
    expect(Object.keys(doc.components?.schemas ?? {})).toEqual(expect.arrayContaining(["ImportStatus", "ColumnMapping", "RejectedRows", "Error"]));
  });

  it("documents the upload's query and the error shape", () => {
    const params = doc.paths?.["/api/v1/imports"]?.post?.parameters ?? [];
    expect(params.map((p) => ("name" in p ? p.name : ""))).toEqual(["kind", "preset", "mapping", "fileName"]);
    expect(doc.components?.schemas?.Error).toMatchObject({ properties: { error: { required: ["code", "message"] } } });
  });
});

describe("response bodies match the documented schemas", () => {
  it("import status", () => {
    const body = importStatusBody({
      id: "3f2b8c1e-7d4a-4e9b-a1c2-0d9e8f7a6b5c",
      kind: "tickets",
      status: "running",
      fileName: "export.csv",
      rowsRead: 10,
      rowsAccepted: 8,
      rowsRejected: 2,
      cancelRequested: false,
      startedAt: new Date("2026-11-22T10:00:00Z"),
      finishedAt: null,
      errorMessage: null,
      rowsPerSecond: 5,
      estimatedTotalRows: 100,
      fraction: 0.1,
      etaSeconds: 18,
      warnings: 1,
      bytesRead: 1_400,
      source: "api",
      fileSize: 14_000,
      createdAt: new Date("2026-11-22T09:59:00Z"),
      createdById: null,
      mapping: null,
    });
    expect(ZImportStatus.parse(body)).toEqual(body);
    expect(body.links.rejectedRows).toBe("/api/v1/imports/3f2b8c1e-7d4a-4e9b-a1c2-0d9e8f7a6b5c/rejected-rows");
  });

  it("mapping suggestions, with what the suggestion still misses", () => {
    const headers = ["N° commande", "Date de commande", "Prix TTC"];
    const body = suggestionsBody(headers, suggestMapping("tickets", headers), null);
    expect(ZMappingSuggestions.parse(body)).toEqual(body);
    expect(body.missing).toEqual(["missing column for performanceRef|showTitle+performanceStart+venue"]);
  });
});
