// One tenant's high-volume tables: COPYed into standalone load tables, then attached as the
// tenant's partitions (see copy-loader.ts). Optionally the spectators are generated and sealed
// in a worker thread while this thread generates the sales.
import { Worker } from "node:worker_threads";
import type { MasterKey, SpectatorIdentityCodec } from "@rappel/personal-data";
import type pg from "pg";
import {
  BULK_TABLES,
  SALES_TABLES,
  SPECTATOR_TABLES,
  copySales,
  copySpectators,
} from "./bulk-rows";
import { CopyLoader, attachLoadTables, createLoadTables, dropLoadTables } from "./copy-loader";
import type { TenantPlan } from "./schedule";
import type { SpectatorWorkerInput, SpectatorWorkerResult } from "./spectator-worker";

export interface BulkLoadInput {
  owner: pg.ClientBase;
  ownerUrl: string;
  appUrl: string;
  masterKey: MasterKey;
  tenantId: string;
  plan: TenantPlan;
  seed: number;
  codec: SpectatorIdentityCodec;
  /** Seal spectators in a worker thread (see SeedOptions.spectatorWorker). */
  useWorker: boolean;
  log: (line: string) => void;
}

function runSpectatorWorker(input: SpectatorWorkerInput): {
  done: Promise<Record<string, number>>;
  stop: () => Promise<number>;
} {
  const worker = new Worker(new URL("./spectator-worker-entry.mjs", import.meta.url), {
    workerData: input,
  });
  const done = new Promise<Record<string, number>>((resolve, reject) => {
    worker.once("message", (result: SpectatorWorkerResult) => {
      if ("rows" in result) resolve(result.rows);
      else reject(new Error(`spectator worker: ${result.error}`));
    });
    worker.once("error", reject);
    worker.once("exit", (code) =>
      reject(new Error(`spectator worker exited (code ${code}) before finishing`)),
    );
  });
  return { done, stop: () => worker.terminate() };
}

export async function bulkLoadTenant(input: BulkLoadInput): Promise<Record<string, number>> {
  const { owner, tenantId, plan, seed, log } = input;
  const started = performance.now();
  const lap = (): string => `${((performance.now() - started) / 1000).toFixed(1)} s`;
  await createLoadTables(owner, tenantId, BULK_TABLES);
  const worker = input.useWorker
    ? runSpectatorWorker({
        ownerUrl: input.ownerUrl,
        appUrl: input.appUrl,
        masterKey: { id: input.masterKey.id, key: new Uint8Array(input.masterKey.key) },
        tenantId,
        plan,
        seed,
      })
    : undefined;
  // Observed below; meanwhile a failure must not go unhandled.
  worker?.done.catch(() => {});
  try {
    const rows: Record<string, number> = {};
    if (!worker) {
      const spectators = new CopyLoader(owner, tenantId, SPECTATOR_TABLES);
      await copySpectators(spectators, tenantId, plan, input.codec, seed);
      Object.assign(rows, spectators.rows);
      log(`  spectators generated, sealed and copied at ${lap()}`);
    }
    const sales = new CopyLoader(owner, tenantId, SALES_TABLES);
    await copySales(sales, tenantId, plan, seed);
    Object.assign(rows, sales.rows);
    log(`  orders and tickets generated and copied at ${lap()}`);
    if (worker) {
      Object.assign(rows, await worker.done);
      log(`  spectators generated, sealed and copied (worker thread) at ${lap()}`);
    }
    await attachLoadTables(owner, tenantId, BULK_TABLES);
    log(`  partitions attached (indexes built, foreign keys validated) at ${lap()}`);
    return rows;
  } catch (error) {
    await worker?.stop();
    await dropLoadTables(owner, tenantId, BULK_TABLES).catch(() => {});
    throw error;
  }
}
