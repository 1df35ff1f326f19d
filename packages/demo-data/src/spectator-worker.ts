// Worker thread for large volumes: generates, seals and COPYs one tenant's spectators and
// consents on its own connection while the main thread generates orders and tickets (sealing
// is the most CPU-hungry step; this puts the machine's second core to work). The tenant's data
// key is unwrapped here through the same tenant-scoped path the product uses.
import { parentPort, workerData } from "node:worker_threads";
import { createDatabase, withTenant } from "@rappel/db";
import { loadIdentityCodec } from "@rappel/personal-data";
import pg from "pg";
import { SPECTATOR_TABLES, copySpectators } from "./bulk-rows";
import { CopyLoader } from "./copy-loader";
import type { TenantPlan } from "./schedule";

export interface SpectatorWorkerInput {
  ownerUrl: string;
  appUrl: string;
  masterKey: { id: string; key: Uint8Array };
  tenantId: string;
  plan: TenantPlan;
  seed: number;
}

export type SpectatorWorkerResult = { rows: Record<string, number> } | { error: string };

async function run(input: SpectatorWorkerInput): Promise<Record<string, number>> {
  const masterKey = { id: input.masterKey.id, key: Buffer.from(input.masterKey.key) };
  const db = createDatabase(input.appUrl, { max: 1 });
  const codec = await withTenant(db, input.tenantId, (tx) =>
    loadIdentityCodec(tx, input.tenantId, masterKey),
  ).finally(() => db.$disconnect());
  const client = new pg.Client({ connectionString: input.ownerUrl });
  // A lost connection fails the COPY in flight (reported to the main thread); no crash on top.
  client.on("error", () => {});
  await client.connect();
  try {
    const loader = new CopyLoader(client, input.tenantId, SPECTATOR_TABLES);
    await copySpectators(loader, input.tenantId, input.plan, codec, input.seed);
    return loader.rows;
  } finally {
    await client.end();
  }
}

run(workerData as SpectatorWorkerInput).then(
  (rows) => parentPort!.postMessage({ rows } satisfies SpectatorWorkerResult),
  (error: unknown) =>
    parentPort!.postMessage({
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    }),
);
