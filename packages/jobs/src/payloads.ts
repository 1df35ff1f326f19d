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

/** Sync every survey's dispatch plans with the performances, then run the plans that are due. */
export const ZSurveyPlanPayload = z.strictObject({ tenantId: ZId.optional() });
export type TSurveyPlanPayload = z.infer<typeof ZSurveyPlanPayload>;

/** Run one survey dispatch plan now (invitations or reminders for one performance). */
export const ZSurveyDispatchPayload = z.strictObject({ tenantId: ZId, planId: ZId });
export type TSurveyDispatchPayload = z.infer<typeof ZSurveyDispatchPayload>;
/** Freeze a campaign's audience into its send ledger and start its batches. */
export const ZCampaignLaunchPayload = z.strictObject({ tenantId: ZId, campaignId: ZId });
export type TCampaignLaunchPayload = z.infer<typeof ZCampaignLaunchPayload>;

/** Send one batch of a campaign's ledger rows (exactly-once per row). */
export const ZCampaignBatchPayload = z.strictObject({ tenantId: ZId, campaignId: ZId, batch: z.number().int().min(0) });
export type TCampaignBatchPayload = z.infer<typeof ZCampaignBatchPayload>;

/** Send a campaign's test message to a staff user (rendered as the chosen spectator). */
/** `variant`: for an A/B subject test, which subject the test message carries (A = the campaign's own). */
export const ZCampaignTestSendPayload = z.strictObject({ tenantId: ZId, campaignId: ZId, userId: ZId, spectatorId: ZId.optional(), variant: z.enum(["A", "B", "C"]).optional() });
export type TCampaignTestSendPayload = z.infer<typeof ZCampaignTestSendPayload>;

/** Decide a campaign's A/B subject test and release the rest of its audience (once, whatever the runs). */
export const ZCampaignAbDecidePayload = z.strictObject({ tenantId: ZId, campaignId: ZId });
export type TCampaignAbDecidePayload = z.infer<typeof ZCampaignAbDecidePayload>;

/** Re-enqueue the pending batches of running campaigns (rebuilds queue state from Postgres). */
export const ZCampaignSweepPayload = z.strictObject({});
export type TCampaignSweepPayload = z.infer<typeof ZCampaignSweepPayload>;
/** Compute what each tenant's retention rules make due (all active tenants, or one). */
export const ZPrivacyPurgePlanPayload = z.strictObject({ tenantId: ZId.optional() });
export type TPrivacyPurgePlanPayload = z.infer<typeof ZPrivacyPurgePlanPayload>;

/** Run one approved purge (the handler reloads the run in the tenant's scope). */
export const ZPrivacyPurgeRunPayload = z.strictObject({ tenantId: ZId, runId: ZId });
export type TPrivacyPurgeRunPayload = z.infer<typeof ZPrivacyPurgeRunPayload>;
/** Re-enqueue imports left "queued" without a live job (e.g. Redis was down when they were queued). */
export const ZRequeueStuckImportsPayload = z.strictObject({});
export type TRequeueStuckImportsPayload = z.infer<typeof ZRequeueStuckImportsPayload>;
/** Send the written notices of a sub-processor change to every client tenant's owners (DPO records). */
export const ZDpoSubprocessorNoticesPayload = z.strictObject({ changeId: ZId });
export type TDpoSubprocessorNoticesPayload = z.infer<typeof ZDpoSubprocessorNoticesPayload>;

/** Run one step of a tenant's offboarding (the handler reloads the record in the tenant's scope). */
export const ZPrivacyOffboardingStepPayload = z.strictObject({ tenantId: ZId, offboardingId: ZId });
export type TPrivacyOffboardingStepPayload = z.infer<typeof ZPrivacyOffboardingStepPayload>;
/** Re-wrap every data key still wrapped by a non-current master key (ids and keys come from config). */
export const ZPrivacyRotateMasterKeyPayload = z.strictObject({ requestedById: ZId.optional() });
export type TPrivacyRotateMasterKeyPayload = z.infer<typeof ZPrivacyRotateMasterKeyPayload>;
/** Forward one data-subject request to its client tenant by e-mail (sent once, proof kept). */
export const ZPrivacyRequestForwardPayload = z.strictObject({ tenantId: ZId, requestId: ZId });
export type TPrivacyRequestForwardPayload = z.infer<typeof ZPrivacyRequestForwardPayload>;
/** Tell the person of their request's deadline extension and its reasons (sent once, proof kept). */
export const ZPrivacyRequestExtensionNoticePayload = z.strictObject({ tenantId: ZId, requestId: ZId, extensionMonths: z.number().int().min(1).max(2) });
export type TPrivacyRequestExtensionNoticePayload = z.infer<typeof ZPrivacyRequestExtensionNoticePayload>;

export interface JobKindDefinition {
  queue: TQueueName;
  payload: z.ZodType;
}

export const JOB_KINDS = {
  "verify-audit-chains": { queue: "maintenance", payload: ZVerifyAuditChainsPayload },
  "import-file": { queue: "imports", payload: ZImportFilePayload },
  "survey-plan": { queue: "survey-dispatch", payload: ZSurveyPlanPayload },
  "survey-dispatch": { queue: "survey-dispatch", payload: ZSurveyDispatchPayload },
  "campaign-launch": { queue: "email-send", payload: ZCampaignLaunchPayload },
  "campaign-batch": { queue: "email-send", payload: ZCampaignBatchPayload },
  "campaign-test-send": { queue: "email-send", payload: ZCampaignTestSendPayload },
  "campaign-sweep": { queue: "maintenance", payload: ZCampaignSweepPayload },
  "campaign-ab-decide": { queue: "email-send", payload: ZCampaignAbDecidePayload },
  "privacy-purge-plan": { queue: "privacy", payload: ZPrivacyPurgePlanPayload },
  "privacy-purge-run": { queue: "privacy", payload: ZPrivacyPurgeRunPayload },
  "requeue-stuck-imports": { queue: "maintenance", payload: ZRequeueStuckImportsPayload },
  "dpo-subprocessor-notices": { queue: "privacy", payload: ZDpoSubprocessorNoticesPayload },
  "privacy-offboarding-export": { queue: "privacy", payload: ZPrivacyOffboardingStepPayload },
  "privacy-offboarding-destroy": { queue: "privacy", payload: ZPrivacyOffboardingStepPayload },
  "privacy-rotate-master-key": { queue: "privacy", payload: ZPrivacyRotateMasterKeyPayload },
  "privacy-request-forward": { queue: "privacy", payload: ZPrivacyRequestForwardPayload },
  "privacy-request-extension-notice": { queue: "privacy", payload: ZPrivacyRequestExtensionNoticePayload },
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
