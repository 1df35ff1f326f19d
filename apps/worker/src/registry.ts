// The job kinds this worker really implements. A queue with no handler here is not consumed at
// all (its jobs wait, visibly, on the admin page) rather than picked up by a placeholder.
import type { TJobKind } from "@rappel/jobs";
import type { JobHandler } from "./job-handler";
import { importFileHandler } from "./jobs/import-file";
import { verifyAuditChainsHandler } from "./jobs/verify-audit-chains";
import { dpoSubprocessorNoticesHandler } from "./jobs/dpo-subprocessor-notices";

// Each handler is typed for its own kind; the runtime validates the payload before calling it.
export const jobHandlers: readonly JobHandler<TJobKind>[] = [
  verifyAuditChainsHandler,
  importFileHandler as JobHandler<TJobKind>,
  dpoSubprocessorNoticesHandler as JobHandler<TJobKind>,
];
