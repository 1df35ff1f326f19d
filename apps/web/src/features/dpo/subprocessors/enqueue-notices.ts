// The web app only records the change and enqueues; the worker sends the notices.
import { enqueueJob } from "@rappel/jobs";
import { getJobProducer } from "../../data/lib/producer";

export async function enqueueSubprocessorNotices(changeId: string): Promise<void> {
  // One job per change: a second click cannot queue a second round of notices.
  await enqueueJob(getJobProducer(), "dpo-subprocessor-notices", { changeId }, { jobId: `dpo-notices-${changeId}` });
}
