// Bulk loading of a tenant's partitions with COPY, on the owner's connection.
// PostgreSQL refuses COPY FROM into a table with row-level security for a role subject to it;
// the partitions carry no policy (and the application role has no right on them), so the owner
// loads them. Measured on PostgreSQL 15: COPY straight into a partition spends ~85 % of its time
// in per-row foreign-key checks against the partitioned parents (~30 µs a row for ticket →
// ticket_order), so 1M tickets took minutes. PostgreSQL's own recipe for bulk loads into a
// partitioned table is faster and keeps every constraint: load a standalone table shaped like
// the partition, then ATTACH it, which builds its indexes in one sorted pass and validates each
// foreign key with one set-based query. The tenant's (empty) partitions are swapped for the
// loaded tables in one transaction: a failure leaves the empty partitions as they were.
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { setImmediate as nextTick } from "node:timers/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";

export interface CopyTable {
  /** The parent table's name, e.g. "ticket". */
  name: string;
  columns: readonly string[];
}

/** COPY text format: NULL as \N, backslash and control characters escaped. */
export function copyText(value: string | null): string {
  if (value === null) return "\\N";
  return /[\\\t\n\r]/.test(value)
    ? value.replace(
        /[\\\t\n\r]/g,
        (c) => ({ "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" })[c]!,
      )
    : value;
}

/** A bytea value in COPY text format (hex input, its backslash escaped). */
export function copyBytes(value: Uint8Array | null): string {
  return value === null
    ? "\\N"
    : `\\\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("hex")}`;
}

const partitionName = (table: string, tenantId: string): string =>
  `${table}_${tenantId.replace(/-/g, "")}`;
const loadTable = (table: string, tenantId: string): string =>
  `tenant_partitions."${partitionName(table, tenantId)}_load"`;

/** Standalone tables shaped like the tenant's partitions (no index, no foreign key), to COPY into. */
export async function createLoadTables(
  client: pg.ClientBase,
  tenantId: string,
  tables: readonly CopyTable[],
): Promise<void> {
  await dropLoadTables(client, tenantId, tables);
  for (const t of tables) {
    await client.query(
      `CREATE TABLE ${loadTable(t.name, tenantId)} (LIKE tenant_partitions."${partitionName(t.name, tenantId)}" INCLUDING ALL EXCLUDING INDEXES)`,
    );
  }
}

export async function dropLoadTables(
  client: pg.ClientBase,
  tenantId: string,
  tables: readonly CopyTable[],
): Promise<void> {
  for (const t of tables) await client.query(`DROP TABLE IF EXISTS ${loadTable(t.name, tenantId)}`);
}

/**
 * Swaps the tenant's empty partitions for the loaded tables (children out first, parents in
 * first), in one transaction. ATTACH builds the indexes and validates every foreign key; the tickets' references are
 * checked after it (they are triggers, decision 0017).
 */
export async function attachLoadTables(
  client: pg.ClientBase,
  tenantId: string,
  tables: readonly CopyTable[],
): Promise<void> {
  await client.query("BEGIN");
  try {
    // Index builds after a bulk load sort in memory rather than spill to disk.
    await client.query("SET LOCAL maintenance_work_mem = '256MB'");
    for (const t of [...tables].reverse()) {
      const part = `tenant_partitions."${partitionName(t.name, tenantId)}"`;
      await client.query(`ALTER TABLE public."${t.name}" DETACH PARTITION ${part}`);
      await client.query(`DROP TABLE ${part}`);
    }
    for (const t of tables) {
      const part = partitionName(t.name, tenantId);
      await client.query(`ALTER TABLE ${loadTable(t.name, tenantId)} RENAME TO "${part}"`);
      await client.query(
        `ALTER TABLE public."${t.name}" ATTACH PARTITION tenant_partitions."${part}" FOR VALUES IN (${client.escapeLiteral(tenantId)})`,
      );
    }
    // Tickets reference orders, performances and spectators, and orders their buyer, through
    // triggers that fire on statements against the parent table, not on ATTACH: check the
    // attached rows set-wise.
    if (tables.some((t) => t.name === "ticket" || t.name === "ticket_order")) {
      await client.query(`SELECT ticket_check_tenant_references($1::uuid)`, [tenantId]);
    }
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  }
}

/**
 * Buffers rows per table and COPYs them into the load tables in batches, while the caller
 * generates the next batch: a two-stage pipeline whose memory is bounded by the batch size.
 */
export class CopyLoader {
  private buffers: string[][];
  private bytes = 0;
  private inFlight: Promise<void> | undefined;
  private lastYield = 0;
  private readonly index = new Map<string, number>();
  readonly rows: Record<string, number> = {};

  constructor(
    private readonly client: pg.ClientBase,
    private readonly tenantId: string,
    private readonly tables: readonly CopyTable[],
    private readonly batchBytes = 8 * 1024 * 1024,
  ) {
    this.buffers = tables.map(() => []);
    tables.forEach((t, i) => {
      this.index.set(t.name, i);
      this.rows[t.name] = 0;
    });
  }

  /** Queues one row (its fields already in COPY text form). */
  push(table: string, fields: string[]): void {
    const i = this.index.get(table);
    if (i === undefined) throw new Error(`this loader does not load ${table}`);
    const line = fields.join("\t") + "\n";
    this.buffers[i]!.push(line);
    this.bytes += line.length;
    this.rows[table]! += 1;
  }

  /**
   * Call often from the generating loop: starts flushing once a batch is full (waiting only for
   * the previous flush), and otherwise lets the event loop breathe so the flush in flight keeps
   * streaming to PostgreSQL while rows are generated.
   */
  async maybeFlush(): Promise<void> {
    if (this.bytes < this.batchBytes) {
      // Yielding costs a few µs: do it every 2 ms of generation, not after every row.
      const now = performance.now();
      if (this.inFlight && now - this.lastYield > 2) {
        this.lastYield = now;
        await nextTick();
      }
      return;
    }
    await this.inFlight;
    this.inFlight = this.flush(this.take());
    // Surface a failure on the next await rather than as an unhandled rejection.
    this.inFlight.catch(() => {});
  }

  async finish(): Promise<void> {
    await this.inFlight;
    await this.flush(this.take());
  }

  private take(): string[][] {
    const batch = this.buffers;
    this.buffers = this.tables.map(() => []);
    this.bytes = 0;
    return batch;
  }

  private async flush(batch: string[][]): Promise<void> {
    for (let i = 0; i < this.tables.length; i++) {
      const lines = batch[i]!;
      if (lines.length === 0) continue;
      const table = this.tables[i]!;
      const columns = table.columns.map((c) => `"${c}"`).join(", ");
      const stream = this.client.query(
        copyFrom(`COPY ${loadTable(table.name, this.tenantId)} (${columns}) FROM STDIN`),
      );
      // Hand the lines over in ~256 KB chunks: few writes, no single giant string.
      await pipeline(Readable.from(chunk(lines, 256 * 1024)), stream);
      batch[i] = [];
    }
  }
}

function* chunk(lines: string[], size: number): Generator<string> {
  let current = "";
  for (const line of lines) {
    current += line;
    if (current.length >= size) {
      yield current;
      current = "";
    }
  }
  if (current) yield current;
}
