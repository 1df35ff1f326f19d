// Offboarding step 1: return all the tenant's data. One JSON-lines file per table (the
// spectators' identifiers opened, so the client gets readable data), and a manifest with each
// file's row count and SHA-256, itself checksummed: the receipt the client signs off.
import { createHash } from "node:crypto";
import { open, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { withTenant, type Database } from "@rappel/db";
import { loadIdentityCodec, type MasterKey } from "@rappel/personal-data";
import { listTenantTables, primaryKeyColumns, quoteIdent } from "./tenant-tables";

export interface ExportReceipt {
  tenantId: string;
  exportedAt: string;
  files: { name: string; rows: number; sha256: string }[];
  manifestSha256: string;
}

const PAGE = 20_000;
const SEALED = ["email_enc", "phone_enc", "first_name_enc", "last_name_enc", "street_address_enc"] as const;
const FIELD = { email_enc: "email", phone_enc: "phone", first_name_enc: "firstName", last_name_enc: "lastName", street_address_enc: "streetAddress" } as const;
// Keys and hashes are not the client's data: the data key is destroyed, not handed over.
const SKIP = new Set(["tenant_data_key"]);
const KEY_ALIAS = "__rappel_key_";

function serialise(row: Record<string, unknown>): string {
  return JSON.stringify(row, (_k, v: unknown) =>
    typeof v === "bigint" ? v.toString() : v instanceof Uint8Array ? Buffer.from(v).toString("base64") : v,
  );
}

/**
 * One page of a table, after `after` (the previous page's last primary key, as text) in primary
 * key order. Keyset pagination: each page is an index range scan, so the millionth row costs what
 * the first did (OFFSET re-read every skipped row). Key values travel as text and are cast back
 * to the column's type, so any key type (uuid, bigint, timestamptz, bytea) round-trips exactly.
 */
async function readPage(
  tx: Parameters<Parameters<typeof withTenant>[2]>[0],
  table: string,
  key: { name: string; type: string }[],
  tenantId: string,
  after: string[] | null,
  pageSize: number,
): Promise<{ rows: Record<string, unknown>[]; last: string[] | null }> {
  const keyColumns = key.map((k) => quoteIdent(k.name));
  const keyText = key.map((k, i) => `${quoteIdent(k.name)}::text AS "${KEY_ALIAS}${i}"`);
  const params: unknown[] = [tenantId];
  let where = "tenant_id = $1::uuid";
  if (after && key.length) {
    const placeholders = key.map((k, i) => {
      params.push(after[i]);
      return `$${i + 2}::text::${k.type}`;
    });
    where += ` AND (${keyColumns.join(", ")}) > (${placeholders.join(", ")})`;
  }
  const order = key.length ? ` ORDER BY ${keyColumns.join(", ")}` : "";
  const found = await tx.$queryRawUnsafe<Record<string, unknown>[]>(
    `SELECT *${keyText.length ? `, ${keyText.join(", ")}` : ""} FROM ${quoteIdent(table)} WHERE ${where}${order} LIMIT ${pageSize}`,
    ...params,
  );
  let last: string[] | null = null;
  for (const row of found) {
    last = key.map((_k, i) => String(row[`${KEY_ALIAS}${i}`]));
    for (let i = 0; i < key.length; i += 1) delete row[`${KEY_ALIAS}${i}`];
  }
  return { rows: found, last };
}

export async function exportTenantData(
  db: Database,
  tenantId: string,
  options: { master: MasterKey | readonly MasterKey[]; outDir: string; now: Date; pageSize?: number },
): Promise<ExportReceipt> {
  const pageSize = options.pageSize ?? PAGE;
  await mkdir(options.outDir, { recursive: true });
  const tables = (await listTenantTables(db)).filter((t) => !SKIP.has(t));
  const files: ExportReceipt["files"] = [];
  for (const table of tables) {
    // The primary key minus its leading tenant_id (constant here).
    const key = (await primaryKeyColumns(db, table)).filter((k) => k.name !== "tenant_id");
    const hash = createHash("sha256");
    const name = `${table}.jsonl`;
    // Streamed page by page to the file (a million rows never sit in memory at once).
    const file = await open(join(options.outDir, name), "w");
    let rows = 0;
    try {
      for (let after: string[] | null = null; ; ) {
        const page = await withTenant(db, tenantId, async (tx) => {
          const read = await readPage(tx, table, key, tenantId, after, pageSize);
          if (table !== "spectator" || read.rows.length === 0) return read;
          const codec = await loadIdentityCodec(tx, tenantId, options.master);
          const opened = read.rows.map((row) => {
            const out: Record<string, unknown> = { ...row };
            for (const column of SEALED) {
              out[FIELD[column]] = codec.openField(FIELD[column], row[column] as Uint8Array | null);
              delete out[column];
            }
            for (const column of ["email_bidx", "phone_bidx", "name_postal_bidx"]) delete out[column];
            return out;
          });
          return { rows: opened, last: read.last };
        }, { timeoutMs: 120_000 });
        if (page.rows.length) {
          const chunk = `${page.rows.map(serialise).join("\n")}\n`;
          hash.update(chunk);
          await file.write(chunk);
        }
        rows += page.rows.length;
        // A table keyed by tenant_id alone has one row at most; otherwise stop at a short page.
        if (page.rows.length < pageSize || key.length === 0) break;
        after = page.last;
      }
    } finally {
      await file.close();
    }
    files.push({ name, rows, sha256: hash.digest("hex") });
  }
  const manifest = { tenantId, exportedAt: options.now.toISOString(), files };
  const manifestBody = JSON.stringify(manifest, null, 2);
  await writeFile(join(options.outDir, "manifest.json"), manifestBody);
  return { ...manifest, manifestSha256: createHash("sha256").update(manifestBody).digest("hex") };
}
