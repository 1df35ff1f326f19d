// The REST route handlers against real PostgreSQL (a migrated test database, application role)
// and real Redis (a queue prefix of their own): authentication and scopes, tenant isolation (an
// import of another tenant is a 404, and so is an edited key), uploads raw and multipart, the
// size and type limits, mapping errors, and queueing with a preset.
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Redis } from "ioredis";
import { createDatabase, withTenant, type Database } from "@rappel/db";
import { createTestDatabase, createTwoTenants, type TenantRows, type TestDatabase } from "@rappel/db/testing";
import { createJobProducer, createRedisConnection, type JobProducer } from "@rappel/jobs";
import { removeQueuePrefix, testRedisUrl, uniqueQueuePrefix } from "@rappel/jobs/testing";
import { createApiKey } from "@/features/settings/lib/api-keys";

const CSV = [
  "N° commande;Date de commande;Spectacle;Date de la représentation;Salle;Prix TTC",
  "C-1;02/11/2026 10:15;Ombres portées;12/12/2026 20:30;Studio;22,00 €",
  "C-2;31/02/2026 10:15;Ombres portées;12/12/2026 20:30;Studio;22,00 €",
].join("\r\n");

let testDb: TestDatabase;
let db: Database;
let a: TenantRows;
let b: TenantRows;
let storageDir: string;
let prefix: string;
let redis: Redis;
let producer: JobProducer;
let api: typeof import("./imports-api");
let keyA: string;
let readOnlyKeyA: string;
let keyB: string;

beforeAll(async () => {
  testDb = await createTestDatabase("rappel_web_api_test");
  storageDir = await mkdtemp(join(tmpdir(), "rappel-web-api-"));
  prefix = uniqueQueuePrefix("web-api");
  // The app reads its configuration once, on first use: set it before loading the handlers.
  Object.assign(process.env, {
    DATABASE_URL: testDb.appUrl,
    REDIS_URL: testRedisUrl(),
    MASTER_KEY: Buffer.alloc(32, 7).toString("base64"),
    STORAGE_DIR: storageDir,
    QUEUE_PREFIX: prefix,
  });
  api = await import("./imports-api");
  db = createDatabase(testDb.appUrl, { max: 4 });
  ({ a, b } = await createTwoTenants(db));
  keyA = (await createApiKey(db, { tenantId: a.tenantId, userId: a.userId }, { name: "ERP", scopes: ["imports:write", "imports:read"] })).key;
  readOnlyKeyA = (await createApiKey(db, { tenantId: a.tenantId, userId: a.userId }, { name: "BI", scopes: ["imports:read"] })).key;
  keyB = (await createApiKey(db, { tenantId: b.tenantId, userId: b.userId }, { name: "ERP", scopes: ["imports:write", "imports:read"] })).key;
  redis = createRedisConnection(testRedisUrl(), { role: "producer" });
  producer = createJobProducer(redis, { prefix });
});

afterAll(async () => {
  await producer?.close();
  if (redis) {
    await removeQueuePrefix(redis, prefix);
    redis.disconnect();
  }
  await db?.$disconnect();
  await testDb?.drop();
  if (storageDir) await rm(storageDir, { recursive: true, force: true });
});

function post(query: string, body: BodyInit, headers: Record<string, string> = {}): Promise<Response> {
  return api.postImport(new Request(`http://localhost/api/v1/imports?${query}`, { method: "POST", body, headers, duplex: "half" } as RequestInit));
}

function get(path: string, key: string | null, importId: string): Promise<Response> {
  const request = new Request(`http://localhost${path}`, { headers: key ? { Authorization: `Bearer ${key}` } : {} });
  const context = { params: Promise.resolve({ importId }) };
  return path.includes("/rejected-rows") ? api.getRejectedRows(request, context) : api.getImport(request, context);
}

const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });

async function errorCode(response: Response): Promise<string> {
  return ((await response.json()) as { error: { code: string } }).error.code;
}

async function storedImports(tenantId: string): Promise<string[]> {
  try {
    return await readdir(join(storageDir, "tenants", tenantId, "imports"));
  } catch {
    return [];
  }
}

describe("POST /api/v1/imports", () => {
  it("needs a valid key (401) with the write scope (403)", async () => {
    const none = await post("kind=tickets", CSV, { "Content-Type": "text/csv" });
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toContain("Bearer");
    expect(await errorCode(none)).toBe("auth.missing");
    const forged = keyA.replace(a.tenantId.replaceAll("-", ""), b.tenantId.replaceAll("-", ""));
    expect((await post("kind=tickets", CSV, { ...bearer(forged), "Content-Type": "text/csv" })).status).toBe(401);
    const readOnly = await post("kind=tickets", CSV, { ...bearer(readOnlyKeyA), "Content-Type": "text/csv" });
    expect(readOnly.status).toBe(403);
    expect(await errorCode(readOnly)).toBe("auth.scope_missing");
  });

  it("stores a raw CSV as an import waiting for its mapping, and returns the suggestions", async () => {
    const response = await post("kind=tickets&fileName=export.csv", CSV, { ...bearer(keyA), "Content-Type": "text/csv" });
    expect(response.status).toBe(201);
    const body = (await response.json()) as {
      import: { id: string; status: string; source: string; fileName: string; fileSize: number; links: { self: string } };
      suggestions: { headers: string[]; mapping: { columns: Record<string, string> }; missing: string[] };
    };
    expect(body.import).toMatchObject({ status: "uploaded", source: "api", fileName: "export.csv", fileSize: Buffer.byteLength(CSV) });
    expect(response.headers.get("location")).toBe(`/api/v1/imports/${body.import.id}`);
    expect(body.suggestions.mapping.columns).toMatchObject({ orderRef: "N° commande", orderDate: "Date de commande", price: "Prix TTC" });
    expect(body.suggestions.missing).toEqual([]);
    // Tenant A reads it; tenant B's key gets a 404, as for an id that does not exist.
    const own = await get(`/api/v1/imports/${body.import.id}`, keyA, body.import.id);
    expect(own.status).toBe(200);
    expect(await own.json()).toMatchObject({ id: body.import.id, status: "uploaded", rows: { read: 0, accepted: 0, rejected: 0 } });
    const other = await get(`/api/v1/imports/${body.import.id}`, keyB, body.import.id);
    expect(other.status).toBe(404);
    expect(await errorCode(other)).toBe("import.not_found");
    expect((await get(`/api/v1/imports/${body.import.id}/rejected-rows`, keyB, body.import.id)).status).toBe(404);
    expect((await get(`/api/v1/imports/not-a-uuid`, keyA, "not-a-uuid")).status).toBe(400);
  });

  it("accepts multipart with a mapping, validates it against the file, and queues the import", async () => {
    const mapping = { version: 1, kind: "tickets", columns: { orderRef: "N° commande", orderDate: "Date de commande", showTitle: "Spectacle", performanceStart: "Date de la représentation", venue: "Salle", price: "Prix TTC" } };
    const form = new FormData();
    form.set("mapping", JSON.stringify(mapping));
    form.set("file", new Blob([CSV], { type: "text/csv" }), "multipart.csv");
    const response = await post("kind=tickets", form, bearer(keyA));
    expect(response.status, await response.clone().text()).toBe(202);
    const { import: created } = (await response.json()) as { import: { id: string; status: string; fileName: string } };
    expect(created).toMatchObject({ status: "queued", fileName: "multipart.csv" });
    const job = await producer.queue("imports").getJob(`import-${created.id}`);
    expect(job?.data).toEqual({ tenantId: a.tenantId, importId: created.id });
  });

  it("refuses a mapping that does not fit (422) and keeps nothing of the upload", async () => {
    const before = await storedImports(a.tenantId);
    const count = () => withTenant(db, a.tenantId, (tx) => tx.importJob.count({ where: { tenantId: a.tenantId } }));
    const jobsBefore = await count();
    const missing = { version: 1, kind: "tickets", columns: { orderRef: "N° commande", orderDate: "Date de commande" } };
    const gap = await post(`kind=tickets&mapping=${encodeURIComponent(JSON.stringify(missing))}`, CSV, { ...bearer(keyA), "Content-Type": "text/csv" });
    expect(gap.status).toBe(422);
    expect(await errorCode(gap)).toBe("import.mapping_invalid");
    const notAColumn = { ...missing, columns: { ...missing.columns, price: "Montant", performanceRef: "Séance" } };
    expect((await post(`kind=tickets&mapping=${encodeURIComponent(JSON.stringify(notAColumn))}`, CSV, { ...bearer(keyA), "Content-Type": "text/csv" })).status).toBe(422);
    expect((await post("kind=tickets&mapping=%7Bnope", CSV, { ...bearer(keyA), "Content-Type": "text/csv" })).status).toBe(422);
    const unknownPreset = await post("kind=tickets&preset=Inconnu", CSV, { ...bearer(keyA), "Content-Type": "text/csv" });
    expect(unknownPreset.status).toBe(422);
    expect(await errorCode(unknownPreset)).toBe("import.preset_not_found");
    expect(await count()).toBe(jobsBefore);
    expect(await storedImports(a.tenantId)).toEqual(before);
  });

  it("queues with a saved preset of the tenant only", async () => {
    const columns = { orderRef: "N° commande", orderDate: "Date de commande", showTitle: "Spectacle", performanceStart: "Date de la représentation", venue: "Salle", price: "Prix TTC" };
    await withTenant(db, b.tenantId, (tx) =>
      tx.importMappingPreset.create({ data: { tenantId: b.tenantId, name: "Sirius B", kind: "tickets", headerSignature: "x", mapping: { version: 1, kind: "tickets", columns } } }),
    );
    // Tenant A cannot use B's preset…
    expect((await post("kind=tickets&preset=Sirius%20B", CSV, { ...bearer(keyA), "Content-Type": "text/csv" })).status).toBe(422);
    // …B can.
    const response = await post("kind=tickets&fileName=b.csv&preset=Sirius%20B", CSV, { ...bearer(keyB), "Content-Type": "text/csv" });
    expect(response.status).toBe(202);
  });

  it("refuses files over the limit (413), of another type (415), empty or unreadable (422)", async () => {
    const big = await post("kind=tickets", CSV, { ...bearer(keyA), "Content-Type": "text/csv", "Content-Length": String(600 * 1024 * 1024) });
    expect(big.status).toBe(413);
    expect(await errorCode(big)).toBe("upload.too_large");
    const pdf = await post("kind=tickets&fileName=programme.pdf", "%PDF-1.4", { ...bearer(keyA), "Content-Type": "application/pdf" });
    expect(pdf.status).toBe(415);
    expect((await post("kind=tickets&fileName=vide.csv", "", { ...bearer(keyA), "Content-Type": "text/csv" })).status).toBe(422);
    const xls = await post("kind=tickets&fileName=vieux.xlsx", Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3]), { ...bearer(keyA), "Content-Type": "application/octet-stream" });
    expect(xls.status).toBe(422);
    const noKind = await post("kind=concerts", CSV, { ...bearer(keyA), "Content-Type": "text/csv" });
    expect(noKind.status).toBe(400);
    expect(await errorCode(noKind)).toBe("request.invalid");
  });
});

describe("GET /api/v1/imports/{id}/rejected-rows", () => {
  it("needs the read scope and answers an empty page for an import with no rejected rows", async () => {
    const created = (await (await post("kind=tickets", CSV, { ...bearer(keyA), "Content-Type": "text/csv" })).json()) as { import: { id: string } };
    const id = created.import.id;
    expect((await get(`/api/v1/imports/${id}/rejected-rows`, null, id)).status).toBe(401);
    const page = await get(`/api/v1/imports/${id}/rejected-rows?limit=10`, readOnlyKeyA, id);
    expect(page.status).toBe(200);
    expect(await page.json()).toEqual({ total: 0, offset: 0, limit: 10, rows: [] });
    expect((await get(`/api/v1/imports/${id}/rejected-rows?limit=9999`, readOnlyKeyA, id)).status).toBe(400);
  });
});
