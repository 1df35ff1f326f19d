// One job producer per process for the web app (the web app only enqueues; the worker runs).
import { loadEnv } from "@rappel/config";
import { createJobProducer, type JobProducer } from "@rappel/jobs";
import { getRedis } from "@/server/redis";

const holder = globalThis as typeof globalThis & { rappelJobProducer?: JobProducer };

export function getJobProducer(): JobProducer {
  holder.rappelJobProducer ??= createJobProducer(getRedis(), {
    prefix: loadEnv().QUEUE_PREFIX,
    onError: (error, queue) => console.warn(JSON.stringify({ level: "warn", event: "queue.error", queue, message: error.message })),
  });
  return holder.rappelJobProducer;
}
