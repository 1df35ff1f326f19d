// `--reset`: removes the demo tenants (partitions, rows, data keys) so they can be seeded again.
// Staff accounts are platform rows: they are kept (and brought back to their demo state).
import pg from "pg";
import { BULK_TABLES } from "./bulk-rows";
import { dropLoadTables } from "./copy-loader";
import { DEMO_TENANTS } from "./tenants";

export async function resetDemo(
  ownerUrl: string,
  log: (line: string) => void = () => {},
): Promise<number> {
  const owner = new pg.Client({ connectionString: ownerUrl });
  // A lost connection fails the query in flight; without a listener it would also crash the process.
  owner.on("error", (error) => log(`owner connection: ${error.message}`));
  await owner.connect();
  try {
    const { rows } = await owner.query<{ id: string; slug: string }>(
      "SELECT id, slug FROM tenant WHERE slug = ANY($1)",
      [DEMO_TENANTS.map((t) => t.slug)],
    );
    for (const tenant of rows) {
      await owner.query("BEGIN");
      try {
        // The owner is subject to the forced policies too unless it is a superuser.
        await owner.query("SELECT set_config('app.tenant_id', $1, true)", [tenant.id]);
        await owner.query("SELECT drop_tenant_partitions($1::uuid)", [tenant.id]);
        // Load tables an interrupted seed left behind (they are not partitions yet).
        await dropLoadTables(owner, tenant.id, BULK_TABLES);
        // Performances first: they reference shows and venues with ON DELETE RESTRICT.
        await owner.query("DELETE FROM performance WHERE tenant_id = $1", [tenant.id]);
        await owner.query("DELETE FROM tenant WHERE id = $1", [tenant.id]);
        await owner.query("COMMIT");
        log(`removed demo tenant ${tenant.slug}`);
      } catch (error) {
        await owner.query("ROLLBACK");
        throw error;
      }
    }
    return rows.length;
  } finally {
    await owner.end();
  }
}
