// The one place that reads process.env (lint forbids it elsewhere). Every variable is parsed by
// one zod schema; a missing or malformed one stops the process with a message that names it.
import { tmpdir } from "node:os";
import { isAbsolute, join } from "node:path";
import { z } from "zod";

const postgresUrl = z
  .string()
  .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// connection URL");

const base64Key32 = z
  .string()
  .refine((v) => Buffer.from(v, "base64").length === 32, "must be 32 bytes, base64-encoded (e.g. `openssl rand -base64 32`)");

export const ZEnv = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: postgresUrl.describe("the application's connection (a role that owns nothing)"),
  MIGRATION_DATABASE_URL: postgresUrl.optional().describe("the owner's connection, for migrations"),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, "must be a redis:// URL").default("redis://127.0.0.1:6379"),
  MASTER_KEY: base64Key32.describe("wraps every tenant's data key"),
  MASTER_KEY_ID: z.string().min(1).default("mk1"),
  MASTER_KEY_PREVIOUS: base64Key32.optional().describe("during a master key rotation: the previous master key, still read"),
  MASTER_KEY_PREVIOUS_ID: z.string().min(1).optional().describe("the id of MASTER_KEY_PREVIOUS"),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  APP_URL: z.url().default("http://localhost:3000"),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, "must be an smtp:// URL").optional(),
  SMTP_MESSAGES_PER_SECOND: z.coerce
    .number()
    .int()
    .min(1)
    .optional()
    .describe("the platform relay's contract: campaign messages per second across all workers; no limit when unset"),
  MAIL_FROM: z.string().default("Rappel <no-reply@rappel.localhost>"),
  BOUNCE_DOMAIN: z
    .string()
    .regex(/^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/i, "must be a domain name, e.g. bounces.rappel.example")
    .optional()
    .describe("the domain of campaign envelope senders (VERP); its MX must lead to FEEDBACK_SMTP_PORT"),
  FEEDBACK_SMTP_PORT: z.coerce
    .number()
    .int()
    .min(1)
    .max(65535)
    .optional()
    .describe("where the worker receives bounces (DSN) and complaints (ARF) by SMTP; off when unset"),
  FEEDBACK_SMTP_HOST: z.string().default("0.0.0.0").describe("the address the feedback receiver listens on"),
  STORAGE_DIR: z
    .string()
    .refine(isAbsolute, "must be an absolute path")
    .default(join(tmpdir(), "rappel-storage"))
    .describe("where uploaded files and exports are kept (per tenant sub-folders)"),
  QUEUE_PREFIX: z.string().regex(/^[a-z0-9:_-]+$/i, "letters, digits, ':', '_' or '-' only").default("rappel"),
  WORKER_SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(25_000),
  WORKER_HEALTH_PORT: z.coerce.number().int().min(1).max(65535).default(3001),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  TRUSTED_PROXY_HOPS: z.coerce
    .number()
    .int()
    .min(1)
    .max(10)
    .default(1)
    .describe("how many reverse proxies (counting Next itself when none) append to X-Forwarded-For before the app"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
}).superRefine((env, ctx) => {
  // The previous master key comes with its id, and that id is not the current one.
  if (Boolean(env.MASTER_KEY_PREVIOUS) !== Boolean(env.MASTER_KEY_PREVIOUS_ID)) {
    ctx.addIssue({ code: "custom", path: ["MASTER_KEY_PREVIOUS_ID"], message: "must be set together with MASTER_KEY_PREVIOUS" });
  }
  if (env.FEEDBACK_SMTP_PORT && !env.BOUNCE_DOMAIN) {
    ctx.addIssue({ code: "custom", path: ["BOUNCE_DOMAIN"], message: "must be set when FEEDBACK_SMTP_PORT is (the receiver only takes mail for it)" });
  }
  if (env.MASTER_KEY_PREVIOUS_ID && env.MASTER_KEY_PREVIOUS_ID === env.MASTER_KEY_ID) {
    ctx.addIssue({ code: "custom", path: ["MASTER_KEY_PREVIOUS_ID"], message: "must differ from MASTER_KEY_ID" });
  }
});
export type TEnv = z.infer<typeof ZEnv>;

export class ConfigError extends Error {
  constructor(public readonly issues: string[]) {
    super(`Invalid configuration:\n${issues.map((i) => `  - ${i}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

export function parseEnv(source: Record<string, string | undefined>): TEnv {
  const result = ZEnv.safeParse(source);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => {
      const name = issue.path.join(".");
      const described = ZEnv.shape[name as keyof typeof ZEnv.shape]?.description;
      const missing = issue.code === "invalid_type" && source[name] === undefined;
      const what = missing ? "is required" : issue.message;
      return `${name} ${what}${described ? ` (${described})` : ""}`;
    }),
  );
}

let cached: TEnv | undefined;

/** Parses process.env once; on error prints which variables are wrong and exits. */
export function loadEnv(): TEnv {
  if (cached) return cached;
  try {
    cached = parseEnv(process.env);
    return cached;
  } catch (error) {
    if (error instanceof ConfigError && process.env.NEXT_PHASE !== "phase-production-build") {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

/** For variables only some processes need: fails with the variable's name when absent. */
export function requireEnv<K extends keyof TEnv>(env: TEnv, name: K): NonNullable<TEnv[K]> {
  const value = env[name];
  if (value === undefined || value === null) {
    throw new ConfigError([`${String(name)} is required by this process`]);
  }
  return value as NonNullable<TEnv[K]>;
}
