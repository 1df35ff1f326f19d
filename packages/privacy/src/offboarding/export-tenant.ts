// Offboarding step 1: return all the tenant's data. One JSON-lines file per table (the
// spectators' identifiers opened, so the client gets readable data), and a manifest with each
// file's row count and SHA-256, itself checksummed: the receipt the client signs off.
import { createHash } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { withTenant, type Database } from "@rappel/db";
import { loadIdentityCodec, type MasterKey } from "@rappel/personal-data";
import { listTenantTables, quoteIdent } from "./tenant-tables";

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

function serialise(row: Record<string, unknown>): string {
  return JSON.stringify(row, (_k, v: unknown) =>
    typeof v === "bigint" ? v.toString() : v instanceof Uint8Array ? Buffer.from(v).toString("base64") : v,
  );
}

export async function exportTenantData(
  db: Database,
  tenantId: string,
  options: { master: MasterKey; outDir: string; now: Date },
): Promise<ExportReceipt> {
  await mkdir(options.outDir, { recursive: true });
  const tables = (await listTenantTables(db)).filter((t) => !SKIP.has(t));
  const files: ExportReceipt["files"] = [];
  for (const table of tables) {
    const hash = createHash("sha256");
    const lines: string[] = [];
    let rows = 0;
    for (let offset = 0; ; offset += PAGE) {
      const page = await withTenant(db, tenantId, async (tx) => {
        const found = await tx.$queryRawUnsafe<Record<string, unknown>[]>(
          `SELECT * FROM ${quoteIdent(table)} WHERE tenant_id = $1::uuid ORDER BY ctid LIMIT ${PAGE} OFFSET ${offset}`,
          tenantId,
        );
        if (table !== "spectator" || found.length === 0) return found;
        const codec = await loadIdentityCodec(tx, tenantId, options.master);
        return found.map((row) => {
          const opened: Record<string, unknown> = { ...row };
          for (const column of SEALED) {
            opened[FIELD[column]] = codec.openField(FIELD[column], row[column] as Uint8Array | null);
            delete opened[column];
          }
          for (const column of ["email_bidx", "phone_bidx", "name_postal_bidx"]) delete opened[column];
          return opened;
        });
      }, { timeoutMs: 120_000 });
      for (const row of page) lines.push(serialise(row));
      rows += page.length;
      if (page.length < PAGE) break;
    }
    const body = lines.length ? `${lines.join("\n")}\n` : "";
    hash.update(body);
    const name = `${table}.jsonl`;
    await writeFile(join(options.outDir, name), body);
    files.push({ name, rows, sha256: hash.digest("hex") });
  }
  const manifest = { tenantId, exportedAt: options.now.toISOString(), files };
  const manifestBody = JSON.stringify(manifest, null, 2);
  await writeFile(join(options.outDir, "manifest.json"), manifestBody);
  return { ...manifest, manifestSha256: createHash("sha256").update(manifestBody).digest("hex") };
}
