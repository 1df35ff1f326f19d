// `pnpm db:seed [--tickets N] [--seed N] [--reset]`: loads the demo data into the database of
// DATABASE_URL (application role) / MIGRATION_DATABASE_URL (owner, for the bulk load).
import { parseArgs } from "node:util";
import { loadEnv, requireEnv } from "@rappel/config";
import { masterKeyFromEnv } from "@rappel/personal-data";
import { z } from "zod";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "./accounts";
import { DemoAlreadySeededError, seedDemo } from "./seed";

const ZArgs = z.object({
  tickets: z.coerce.number().int().min(0).max(1_000_000).default(20_000),
  seed: z.coerce.number().int().default(42),
  reset: z.boolean().default(false),
});

const { values } = parseArgs({
  options: { tickets: { type: "string" }, seed: { type: "string" }, reset: { type: "boolean" } },
});
const parsed = ZArgs.safeParse(values);
if (!parsed.success) {
  console.error(
    `Invalid arguments: ${parsed.error.issues.map((i) => `--${i.path.join(".")} ${i.message}`).join("; ")}`,
  );
  console.error(
    "Usage: pnpm db:seed [--tickets N (0–1000000, default 20000)] [--seed N] [--reset]",
  );
  process.exit(2);
}
const args = parsed.data;
const env = loadEnv();

try {
  const report = await seedDemo({
    ownerUrl: requireEnv(env, "MIGRATION_DATABASE_URL"),
    appUrl: env.DATABASE_URL,
    masterKey: masterKeyFromEnv(env),
    tickets: args.tickets,
    seed: args.seed,
    reset: args.reset,
    log: (line) => console.log(line),
  });
  console.log(
    `\nDemo data loaded in ${report.seconds} s (seed ${report.seed}, as of ${report.referenceDate.slice(0, 10)}):`,
  );
  console.table(
    report.tenants.map((t) => ({
      tenant: t.slug,
      periods: t.periods.join(", "),
      venues: t.venues,
      shows: t.shows,
      performances: t.performances,
      spectators: t.spectators,
      orders: t.orders,
      tickets: t.tickets,
    })),
  );
  console.log(
    `Demo accounts (password ${DEMO_PASSWORD}): ${DEMO_ACCOUNTS.map((a) => a.email).join(", ")}`,
  );
} catch (error) {
  if (error instanceof DemoAlreadySeededError) {
    console.log(error.message);
    process.exit(0);
  }
  throw error;
}
