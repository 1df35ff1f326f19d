// The job kinds this worker really implements. A queue with no handler here is not consumed at
// all (its jobs wait, visibly, on the admin page) rather than picked up by a placeholder.
import type { TJobKind } from "@rappel/jobs";
import type { JobHandler } from "./job-handler";
import { campaignAbDecideHandler } from "./jobs/campaign-ab-decide";
import { campaignBatchHandler } from "./jobs/campaign-batch-handler";
import { campaignLaunchHandler } from "./jobs/campaign-launch";
import { campaignSweepHandler } from "./jobs/campaign-sweep";
import { campaignTestSendHandler } from "./jobs/campaign-test-send";
import { importFileHandler } from "./jobs/import-file";
import { requeueStuckImportsHandler } from "./jobs/requeue-stuck-imports";
import { verifyAuditChainsHandler } from "./jobs/verify-audit-chains";
import { surveyHandlers } from "./jobs/survey-dispatch";
import { privacyPurgePlanHandler, privacyPurgeRunHandler } from "./jobs/privacy-purge";
import { dpoSubprocessorNoticesHandler } from "./jobs/dpo-subprocessor-notices";
import { privacyOffboardingDestroyHandler, privacyOffboardingExportHandler } from "./jobs/privacy-offboarding";
import { privacyRotateMasterKeyHandler } from "./jobs/privacy-rotate-master-key";
import { privacyRequestExtensionNoticeHandler } from "./jobs/privacy-request-extension-notice";
import { privacyRequestForwardHandler } from "./jobs/privacy-request-forward";

// Each handler is typed for its own kind; the runtime validates the payload before calling it.
export const jobHandlers: readonly JobHandler<TJobKind>[] = [
  verifyAuditChainsHandler,
  importFileHandler as JobHandler<TJobKind>,
  surveyHandlers.plan as JobHandler<TJobKind>,
  surveyHandlers.dispatch as JobHandler<TJobKind>,
  campaignLaunchHandler as JobHandler<TJobKind>,
  campaignBatchHandler as JobHandler<TJobKind>,
  campaignTestSendHandler as JobHandler<TJobKind>,
  campaignSweepHandler as JobHandler<TJobKind>,
  campaignAbDecideHandler as JobHandler<TJobKind>,
  privacyPurgePlanHandler as JobHandler<TJobKind>,
  privacyPurgeRunHandler as JobHandler<TJobKind>,
  requeueStuckImportsHandler as JobHandler<TJobKind>,
  dpoSubprocessorNoticesHandler as JobHandler<TJobKind>,
  privacyOffboardingExportHandler as JobHandler<TJobKind>,
  privacyOffboardingDestroyHandler as JobHandler<TJobKind>,
  privacyRotateMasterKeyHandler as JobHandler<TJobKind>,
  privacyRequestForwardHandler as JobHandler<TJobKind>,
  privacyRequestExtensionNoticeHandler as JobHandler<TJobKind>,
];
