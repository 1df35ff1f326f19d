// One import batch = one transaction on the import's own connection (the application role,
// subject to row-level security): the tenant is set for the transaction, batches of one tenant
// are serialised (two imports of the same tenant must not both create the same new spectator),
// and commits do not wait for the WAL flush — a crash can lose only the last batches of an
// import that is then not "completed", and its retry re-reads the file and converges (upserts).
import type pg from "pg";

export async function inBatchTransaction<T>(client: pg.ClientBase, tenantId: string, work: () => Promise<T>): Promise<T> {
  await client.query("BEGIN");
  try {
    // One round trip: the tenant, no WAL flush wait, no JIT (a batch's statements cross its cost
    // threshold and compile for longer than they run), then the tenant's import lock.
    await client.query(
      `SELECT set_config('app.tenant_id', $1, true), set_config('synchronous_commit', 'off', true), set_config('jit', 'off', true),
              pg_advisory_xact_lock(hashtextextended($2, 0))`,
      [tenantId, `rappel:import:${tenantId}`],
    );
    const result = await work();
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}
