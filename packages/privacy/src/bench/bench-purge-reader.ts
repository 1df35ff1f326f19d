// The reader of `pnpm bench:privacy`, in a process of its own so that what it measures is the
// database's answer time, not the benchmark's own event loop (busy listing and batching the
// purge). It runs the dashboard-like reads a venue makes on the purged tables, with a 100 ms lock
// timeout, until SIGTERM, then prints every read's start time and duration as one JSON line.
import { createDatabase, withTenant } from "@rappel/db";
import { z } from "zod";

const env = z
  .object({ READER_DATABASE_URL: z.string().min(1), READER_TENANT_ID: z.uuid(), READER_PERFORMANCE_ID: z.uuid() })
  .parse(process.env);
const db = createDatabase(env.READER_DATABASE_URL, { max: 1 });
const reads: { at: number; ms: number; error?: string }[] = [];
let stop = false;
process.on("SIGTERM", () => {
  stop = true;
});

async function readOnce(): Promise<void> {
  const at = Date.now();
  const started = performance.now();
  try {
    await withTenant(db, env.READER_TENANT_ID, async (tx) => {
      await tx.$executeRawUnsafe(`SET LOCAL lock_timeout = '100ms'`);
      await tx.$queryRawUnsafe(
        `SELECT count(*)::int, sum(price_cents)::bigint FROM ticket WHERE tenant_id = $1::uuid AND performance_id = $2::uuid`,
        env.READER_TENANT_ID,
        env.READER_PERFORMANCE_ID,
      );
      await tx.$queryRawUnsafe(`SELECT count(*)::int FROM ticket_order WHERE tenant_id = $1::uuid AND ordered_at > now() - interval '90 days'`, env.READER_TENANT_ID);
    });
    reads.push({ at, ms: performance.now() - started });
  } catch (error) {
    reads.push({ at, ms: performance.now() - started, error: error instanceof Error ? error.message.slice(0, 200) : String(error) });
  }
}

process.stdout.write("ready\n");
while (!stop) await readOnce();
await db.$disconnect();
process.stdout.write(`${JSON.stringify(reads)}\n`);
