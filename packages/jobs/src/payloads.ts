// Job kinds and their payloads. Payloads carry ids only, never personal data: the handler reloads
// what it needs from Postgres and re-derives the tenant there. Schemas are strict, so a field that
// is not declared (an e-mail address slipped in "for convenience") is refused, not carried along.
// A kind is added here only together with its handler in apps/worker.
import { z } from "zod";
import type { TQueueName } from "./queues";
import { JobPayloadError, UnknownJobKindError } from "./errors";

const ZId = z.uuid({ message: "must be a UUID" });

/** Verify every active tenant's audit chain, or only `tenantId`'s when given. */
export const ZVerifyAuditChainsPayload = z.strictObject({ tenantId: ZId.optional() });
export type TVerifyAuditChainsPayload = z.infer<typeof ZVerifyAuditChainsPayload>;

/** Process one uploaded import file (the handler reloads the import in the tenant's scope). */
export const ZImportFilePayload = z.strictObject({ tenantId: ZId, importId: ZId });
export type TImportFilePayload = z.infer<typeof ZImportFilePayload>;

/** Send the written notices of a sub-processor change to every client tenant's owners (DPO records). */
export const ZDpoSubprocessorNoticesPayload = z.strictObject({ changeId: ZId });
export type TDpoSubprocessorNoticesPayload = z.infer<typeof ZDpoSubprocessorNoticesPayload>;

export interface JobKindDefinition {
  queue: TQueueName;
  payload: z.ZodType;
}

export const JOB_KINDS = {
  "verify-audit-chains": { queue: "maintenance", payload: ZVerifyAuditChainsPayload },
  "import-file": { queue: "imports", payload: ZImportFilePayload },
  "dpo-subprocessor-notices": { queue: "privacy", payload: ZDpoSubprocessorNoticesPayload },
} as const satisfies Record<string, JobKindDefinition>;

export type TJobKind = keyof typeof JOB_KINDS;
export type TJobPayload<K extends TJobKind> = z.infer<(typeof JOB_KINDS)[K]["payload"]>;

export function isJobKind(value: string): value is TJobKind {
  return Object.hasOwn(JOB_KINDS, value);
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.map(String).join(".");
  if (issue.code === "unrecognized_keys") {
    return `unexpected field(s) ${issue.keys.map((k) => JSON.stringify(k)).join(", ")} (payloads carry ids only)`;
  }
  return path ? `${path}: ${issue.message}` : issue.message;
}

/** Validates a payload for `kind`; throws JobPayloadError naming each bad field. */
export function parseJobPayload<K extends TJobKind>(kind: K, data: unknown): TJobPayload<K>;
export function parseJobPayload(kind: string, data: unknown): unknown;
export function parseJobPayload(kind: string, data: unknown): unknown {
  if (!isJobKind(kind)) throw new UnknownJobKindError(kind);
  const result = JOB_KINDS[kind].payload.safeParse(data);
  if (!result.success) throw new JobPayloadError(kind, result.error.issues.map(describeIssue));
  return result.data;
}
