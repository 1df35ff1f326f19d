// Offboarding step 2: after the client confirmed the export, destroy every copy. Jobs and Redis
// keys first (nothing may recreate data), then the partitions (detached and dropped), the rows
// left in other tables, the data key (crypto-shredding: any backup copy of the identifiers
// becomes unreadable), and the stored files. Each step is then verified by a query that must
// return zero; the facts feed the attestation.
import { rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { verifyAuditChain, withTenant, type Database } from "@rappel/db";
import { openQueue, QUEUE_NAMES } from "@rappel/jobs";
import type { Redis } from "ioredis";
import { listTenantTables, quoteIdent } from "./tenant-tables";

export interface DestructionFacts {
  tenantId: string;
  tenantName: string;
  tenantSlug: string;
  startedAt: string;
  finishedAt: string;
  rowsBefore: Record<string, number>;
  partitionsDropped: number;
  rowsDeleted: Record<string, number>;
  jobsRemoved: number;
  redisKeysRemoved: number;
  filesRemoved: boolean;
  destroyedKeyIds: string[];
  auditHeadHash: string | null;
  auditEntries: number;
  backupsExpireOn: string;
  verification: { check: string; result: number }[];
  methods: string[];
}

export interface DestroyOptions {
  /** The owner connection: only it may drop partitions. */
  ownerDb: Database;
  redis: Redis;
  queuePrefix: string;
  storageDir: string;
  now: () => Date;
  /** Days after which the last backup holding the tenant has rotated out. */
  backupRetentionDays: number;
}

export class OffboardingError extends Error {
  readonly status = 409;
}

async function countRows(db: Database, tenantId: string, tables: string[]): Promise<Record<string, number>> {
  return withTenant(db, tenantId, async (tx) => {
    const counts: Record<string, number> = {};
    for (const table of tables) {
      const rows = await tx.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${quoteIdent(table)} WHERE tenant_id = $1::uuid`, tenantId);
      counts[table] = rows[0]?.n ?? 0;
    }
    return counts;
  }, { timeoutMs: 300_000 });
}

async function removeJobs(redis: Redis, prefix: string, tenantId: string): Promise<{ removed: number; left: number }> {
  let removed = 0;
  let left = 0;
  for (const name of QUEUE_NAMES) {
    const queue = openQueue(name, redis, prefix);
    try {
      const jobs = await queue.getJobs(["waiting", "delayed", "prioritized", "failed", "completed", "active", "waiting-children"]);
      for (const job of jobs) {
        if ((job?.data as { tenantId?: string } | undefined)?.tenantId !== tenantId) continue;
        // The offboarding's own jobs (the running destruction among them) carry ids only.
        if (job.name.startsWith("privacy-offboarding-")) continue;
        try {
          await job.remove();
          removed += 1;
        } catch {
          left += 1; // an active job holds a lock; the destruction is refused below
        }
      }
    } finally {
      await queue.close();
    }
  }
  return { removed, left };
}

async function scanKeys(redis: Redis, pattern: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = "0";
  do {
    const [next, batch] = await redis.scan(cursor, "MATCH", pattern, "COUNT", 1000);
    cursor = next;
    keys.push(...batch);
  } while (cursor !== "0");
  return keys;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** What the tenant held just before the destruction: captured once, kept by the caller, reused on a retry. */
export interface DestructionBaseline {
  tenantName: string;
  tenantSlug: string;
  startedAt: string;
  rowsBefore: Record<string, number>;
  keyIds: string[];
  auditHeadHash: string | null;
  auditEntries: number;
}

export async function captureDestructionBaseline(db: Database, tenantId: string, now: Date): Promise<DestructionBaseline> {
  const tenant = await db.tenant.findUnique({ where: { id: tenantId } });
  if (!tenant) throw new OffboardingError(`tenant ${tenantId} not found`);
  if (tenant.status === "closed") throw new OffboardingError("this tenant was already destroyed");
  const tables = await listTenantTables(db);
  const rowsBefore = await countRows(db, tenantId, tables);
  const chain = await withTenant(db, tenantId, (tx) => verifyAuditChain(tx, tenantId), { timeoutMs: 300_000 });
  const keyIds = await withTenant(db, tenantId, async (tx) => (await tx.tenantDataKey.findMany({ where: { tenantId }, select: { id: true } })).map((k) => k.id));
  return {
    tenantName: tenant.name,
    tenantSlug: tenant.slug,
    startedAt: now.toISOString(),
    rowsBefore,
    keyIds,
    auditHeadHash: chain.ok ? (chain.headHash ?? null) : null,
    auditEntries: chain.checked,
  };
}

/**
 * Destroys every copy of the tenant's data. Each step is idempotent (deletes, drops, removals), so
 * with the `baseline` captured by the first attempt a retry after a crash converges: it redoes
 * what is left and verifies the same zero counts, even when the tenant is already closed.
 */
export async function destroyTenant(db: Database, tenantId: string, options: DestroyOptions & { baseline?: DestructionBaseline }): Promise<DestructionFacts> {
  const baseline = options.baseline ?? (await captureDestructionBaseline(db, tenantId, options.now()));
  const tenant = await db.tenant.findUnique({ where: { id: tenantId } });
  if (!tenant) throw new OffboardingError(`tenant ${tenantId} not found`);
  if (tenant.status !== "closed") await db.tenant.update({ where: { id: tenantId }, data: { status: "offboarding" } });
  const tables = await listTenantTables(db);
  const { rowsBefore, keyIds } = baseline;

  const jobs = await removeJobs(options.redis, options.queuePrefix, tenantId);
  if (jobs.left > 0) throw new OffboardingError(`${jobs.left} job(s) of this tenant are running: retry once they finish`);
  const keys = await scanKeys(options.redis, `*${tenantId}*`);
  if (keys.length) await options.redis.del(...keys);

  // Crypto-shredding first: once the data key is gone, no copy of the identifiers can be read.
  await withTenant(options.ownerDb, tenantId, (tx) => tx.tenantDataKey.deleteMany({ where: { tenantId } }));
  const dropped = await options.ownerDb.$queryRawUnsafe<{ n: number }[]>(`SELECT drop_tenant_partitions($1::uuid) AS n`, tenantId);

  // Remaining rows, table by table; a table referenced by another (RESTRICT) is retried after it.
  const rowsDeleted: Record<string, number> = {};
  let pending = tables.filter((t) => t !== "tenant_data_key");
  for (let pass = 0; pass < 6 && pending.length > 0; pass += 1) {
    const failed: string[] = [];
    for (const table of pending) {
      try {
        const n = await withTenant(options.ownerDb, tenantId, (tx) => tx.$executeRawUnsafe(`DELETE FROM ${quoteIdent(table)} WHERE tenant_id = $1::uuid`, tenantId), { timeoutMs: 300_000 });
        rowsDeleted[table] = (rowsDeleted[table] ?? 0) + n;
      } catch {
        failed.push(table);
      }
    }
    pending = failed;
  }
  if (pending.length) throw new OffboardingError(`rows could not be deleted from: ${pending.join(", ")}`);

  const dir = join(options.storageDir, "tenants", tenantId);
  const hadFiles = await exists(dir);
  await rm(dir, { recursive: true, force: true });

  const after = await countRows(options.ownerDb, tenantId, tables);
  const partitionsLeft = await options.ownerDb.$queryRawUnsafe<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM pg_class WHERE relnamespace = 'tenant_partitions'::regnamespace AND relname LIKE $1`,
    `%${tenantId.replace(/-/g, "")}`,
  );
  const verification = [
    ...Object.entries(after).map(([table, n]) => ({ check: `SELECT count(*) FROM ${table} WHERE tenant_id = '${tenantId}'`, result: n })),
    { check: "partitions of the tenant in schema tenant_partitions", result: partitionsLeft[0]?.n ?? 0 },
    { check: `Redis keys matching *${tenantId}*`, result: (await scanKeys(options.redis, `*${tenantId}*`)).length },
    { check: "queued jobs whose payload names the tenant", result: (await removeJobs(options.redis, options.queuePrefix, tenantId)).removed },
    { check: `files under ${join("tenants", tenantId)}`, result: (await exists(dir)) ? 1 : 0 },
  ];
  if (verification.some((v) => v.result !== 0)) {
    throw new OffboardingError(`destruction incomplete: ${verification.filter((v) => v.result).map((v) => v.check).join("; ")}`);
  }
  if (tenant.status !== "closed") await db.tenant.update({ where: { id: tenantId }, data: { status: "closed" } });
  const finishedAt = options.now();
  return {
    tenantId,
    tenantName: baseline.tenantName,
    tenantSlug: baseline.tenantSlug,
    startedAt: baseline.startedAt,
    finishedAt: finishedAt.toISOString(),
    rowsBefore,
    partitionsDropped: dropped[0]?.n ?? 0,
    rowsDeleted,
    jobsRemoved: jobs.removed,
    redisKeysRemoved: keys.length,
    filesRemoved: hadFiles,
    destroyedKeyIds: keyIds,
    auditHeadHash: baseline.auditHeadHash,
    auditEntries: baseline.auditEntries,
    backupsExpireOn: new Date(finishedAt.getTime() + options.backupRetentionDays * 86_400_000).toISOString().slice(0, 10),
    verification,
    methods: [
      "data key deleted (AES-256-GCM identifiers and blind indexes unreadable in every copy, backups included)",
      "tenant partitions detached and dropped (drop_tenant_partitions)",
      "remaining rows deleted table by table",
      "queued jobs and Redis keys naming the tenant removed",
      "stored files deleted",
    ],
  };
}
