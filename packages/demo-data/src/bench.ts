// `pnpm bench:seed`: seeds a fresh database (1,000,000 tickets unless --tickets says otherwise),
// prints figures as JSON on the last line, then drops the database.
import { parseArgs } from "node:util";
import { createTestDatabase } from "@rappel/db/testing";
import { z } from "zod";
import { seedDemo } from "./seed";

const { values } = parseArgs({
  options: {
    tickets: { type: "string" },
    seed: { type: "string" },
    keep: { type: "boolean" },
    // Seal spectators in a worker thread (see SeedOptions.spectatorWorker).
    worker: { type: "boolean" },
    // Leave out the dashboards' rollups (ignition-analytics' refresh), to time the load alone.
    "skip-rollups": { type: "boolean" },
  },
});
const args = z
  .object({
    tickets: z.coerce.number().int().min(1).max(10_000_000).default(1_000_000),
    seed: z.coerce.number().int().default(42),
    keep: z.boolean().default(false),
    worker: z.boolean().default(false),
    "skip-rollups": z.boolean().default(false),
  })
  .parse(values);

const db = await createTestDatabase("rappel_seed_bench");
try {
  const started = performance.now();
  const report = await seedDemo({
    ownerUrl: db.ownerUrl,
    appUrl: db.appUrl,
    masterKey: { id: "bench", key: Buffer.alloc(32, 7) },
    tickets: args.tickets,
    seed: args.seed,
    spectatorWorker: args.worker,
    rollups: !args["skip-rollups"],
    log: (line) => console.error(line),
  });
  const seconds = (performance.now() - started) / 1000;
  for (const t of report.tenants) console.error(`${t.slug}: ${JSON.stringify(t)}`);
  if (args.keep) console.error(`kept database ${db.name} (owner: ${db.ownerUrl})`);
  console.log(
    JSON.stringify({
      tickets: report.tickets,
      spectators: report.spectators,
      orders: report.orders,
      consents: report.consents,
      seconds: Math.round(seconds * 100) / 100,
      rollup_seconds: report.rollupSeconds,
      tickets_per_s: Math.round(report.tickets / seconds),
      peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
    }),
  );
} finally {
  if (!args.keep) await db.drop();
}
