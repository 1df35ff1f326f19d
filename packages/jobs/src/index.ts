export {
  QUEUE_NAMES,
  QUEUES,
  DEFAULT_QUEUE_PREFIX,
  isQueueName,
  type TQueueName,
  type QueueDefinition,
} from "./queues";
export {
  JOB_KINDS,
  ZVerifyAuditChainsPayload,
  ZImportFilePayload,
  isJobKind,
  parseJobPayload,
  type TJobKind,
  type TJobPayload,
  type TVerifyAuditChainsPayload,
  type TImportFilePayload,
  type JobKindDefinition,
  ZDpoSubprocessorNoticesPayload,
  type TDpoSubprocessorNoticesPayload,
} from "./payloads";
export { JobPayloadError, UnknownJobKindError } from "./errors";
export { createRedisConnection, type TRedisRole } from "./connection";
export {
  createJobProducer,
  enqueueJob,
  enqueueVerifyAuditChains,
  enqueueImportFile,
  openQueue,
  type JobProducer,
  type QueueErrorListener,
  type EnqueuedJob,
  type TEnqueueOptions,
} from "./producer";
export {
  getQueueOverview,
  type QueueOverview,
  type QueueCounts,
  type QueueFailure,
} from "./overview";
