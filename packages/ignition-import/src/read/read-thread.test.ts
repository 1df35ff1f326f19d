import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant, type Database } from "@rappel/db";
import { ImportFileError, openImportFile, parseColumnMapping, suggestMapping } from "@rappel/ticketing-import";
import { createTestTenant, fixturePath, fixtureStream, importFile, openAppDatabase, tempStorageDir } from "../testing";
import { isRefused, readRows, type ReadChunk, type ReadRowsInput } from "./read-rows";
import { readRowsInThread } from "./read-thread";

async function inputFor(path: string, chunkRows: number): Promise<ReadRowsInput> {
  const file = await openImportFile(path);
  const headers = file.headers;
  await file.close();
  return { path, kind: "tickets", mapping: parseColumnMapping("tickets", suggestMapping("tickets", headers).mapping), now: new Date("2026-01-01T00:00:00Z"), chunkRows };
}

async function collect(chunks: AsyncIterable<ReadChunk>): Promise<ReadChunk[]> {
  const all: ReadChunk[] = [];
  for await (const chunk of chunks) all.push(chunk);
  return all;
}

describe("reading a file on a worker thread", () => {
  it("gives the same chunks as reading it on the import's thread: rows, lines, reasons, raw cells, progress", async () => {
    const input = await inputFor(fixturePath("billetterie-quirks-windows-1252.csv"), 3);
    const here = await collect(readRows(input));
    const there = await collect(readRowsInThread(input));
    expect(there).toEqual(here);
    // The fixture has refused rows, kept with their cells, and more than one chunk.
    expect(here.length).toBeGreaterThan(1);
    expect(here.flatMap((c) => c.rows).some((r) => isRefused(r) && Object.keys(r.raw).length > 0)).toBe(true);
  });

  it("raises a file the format cannot read as the same ImportFileError", async () => {
    const dir = await tempStorageDir();
    const empty = join(dir, "empty.csv");
    await writeFile(empty, "");
    const input = { ...(await inputFor(fixturePath("billetterie-quirks-windows-1252.csv"), 3)), path: empty };
    const error = await collect(readRowsInThread(input)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportFileError);
    expect(error).toMatchObject({ code: "empty_file", message: "Le fichier est vide. / The file is empty." });
  });

  it("stops when the import stops taking chunks", async () => {
    const input = await inputFor(fixturePath("billetterie-quirks-windows-1252.csv"), 1);
    let taken = 0;
    for await (const chunk of readRowsInThread(input)) {
      taken += chunk.rows.length;
      break;
    }
    expect(taken).toBe(1);
  });
});

describe("an import read on a worker thread", () => {
  let db: Database;
  beforeAll(() => {
    db = openAppDatabase();
  });
  afterAll(async () => {
    await db.$disconnect();
  });

  it("ends as the same import read on its own thread", async () => {
    const storageDir = await tempStorageDir();
    const figures = async (readInThreadFrom: number) => {
      const tenantId = await createTestTenant(db);
      const { result } = await importFile(db, { tenantId, storageDir, source: fixtureStream("billetterie-quirks-windows-1252.csv"), options: { readInThreadFrom } });
      const tickets = await withTenant(db, tenantId, (tx) => tx.ticket.findMany({ where: { tenantId }, orderBy: { reference: "asc" }, select: { reference: true, priceCents: true, status: true } }));
      const refused = await withTenant(db, tenantId, (tx) => tx.importRejectedRow.findMany({ where: { tenantId }, orderBy: { line: "asc" }, select: { line: true, reasons: true } }));
      return { result: { ...result, seconds: 0, timings: null }, tickets, refused };
    };
    const inThread = await figures(0);
    expect(inThread).toEqual(await figures(Number.POSITIVE_INFINITY));
    expect(inThread.result).toMatchObject({ status: "completed" });
    expect(inThread.refused.length).toBeGreaterThan(0);
  });
});
