// Command-line options of the worker process: per-invocation overrides of QUEUE_PREFIX and
// WORKER_SHUTDOWN_GRACE_MS from @rappel/config (tests and parallel environments sharing one
// Redis use their own queue prefix).
import { parseArgs } from "node:util";
import { DEFAULT_QUEUE_PREFIX } from "@rappel/jobs";
import { z } from "zod";

export const ZCliOptions = z.strictObject({
  queuePrefix: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/, "--queue-prefix must be 1–64 letters, digits, '_', '.' or '-'")
    .default(DEFAULT_QUEUE_PREFIX),
  // Below a typical orchestrator's kill timeout (30 s in Kubernetes), so release happens first.
  shutdownGraceMs: z.coerce
    .number({ message: "--shutdown-grace-ms must be a number of milliseconds" })
    .int()
    .min(0)
    .max(600_000)
    .default(25_000),
});
export type TCliOptions = z.infer<typeof ZCliOptions>;

export class CliOptionsError extends Error {
  override name = "CliOptionsError";
}

export function parseCliOptions(argv: string[], defaults: Partial<TCliOptions> = {}): TCliOptions {
  let values: Record<string, string | undefined>;
  // `pnpm start -- --queue-prefix x` may hand the separator through.
  const args = argv[0] === "--" ? argv.slice(1) : argv;
  try {
    ({ values } = parseArgs({
      args,
      options: { "queue-prefix": { type: "string" }, "shutdown-grace-ms": { type: "string" } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new CliOptionsError(error instanceof Error ? error.message : String(error));
  }
  const result = ZCliOptions.safeParse({
    queuePrefix: values["queue-prefix"] ?? defaults.queuePrefix,
    shutdownGraceMs: values["shutdown-grace-ms"] ?? defaults.shutdownGraceMs,
  });
  if (!result.success)
    throw new CliOptionsError(result.error.issues.map((i) => i.message).join("; "));
  return result.data;
}
