import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Redis } from "ioredis";
import { createJobProducer, createRedisConnection, enqueueJob, type JobProducer } from "./index";
import { payloadReferences, removePendingJobsReferencing } from "./pending-jobs";
import { removeQueuePrefix, testRedisUrl, uniqueQueuePrefix } from "./testing";

let connection: Redis;
let producer: JobProducer;
const prefix = uniqueQueuePrefix("pending");

beforeAll(() => {
  connection = createRedisConnection(testRedisUrl(), { role: "producer" });
  producer = createJobProducer(connection, { prefix });
});

afterAll(async () => {
  await producer.close();
  await removeQueuePrefix(connection, prefix);
  await connection.quit();
});

describe("payloadReferences", () => {
  it("finds an id at any depth and nothing else", () => {
    const ids = new Set(["a1"]);
    expect(payloadReferences({ spectatorId: "a1" }, ids)).toBe(true);
    expect(payloadReferences({ batch: [{ people: ["x", "a1"] }] }, ids)).toBe(true);
    expect(payloadReferences({ spectatorId: "a2", n: 1, ok: null }, ids)).toBe(false);
  });
});

describe("removePendingJobsReferencing (real Redis)", () => {
  it("removes waiting, delayed, prioritized and paused jobs naming the person, in every queue, and keeps the rest", async () => {
    const tenantId = randomUUID();
    const otherTenant = randomUUID();
    const person = randomUUID();
    const bystander = randomUUID();
    const campaignId = randomUUID();
    const userId = randomUUID();
    // Waiting, then delayed: two campaign test sends rendered as the person.
    await enqueueJob(producer, "campaign-test-send", { tenantId, campaignId, userId, spectatorId: person });
    await enqueueJob(producer, "campaign-test-send", { tenantId, campaignId, userId, spectatorId: person }, { delayMs: 3_600_000 });
    // Prioritized, on another queue, with the id nested (a future job kind).
    await producer.queue("sms-send").add("future-kind", { tenantId, recipients: [{ spectatorId: person }] }, { priority: 5 });
    // Paused queue.
    await producer.queue("tracking").pause();
    await producer.queue("tracking").add("future-kind", { tenantId, spectatorId: person });
    // Kept: another person, another tenant naming the same id, and a job with no reference.
    await enqueueJob(producer, "campaign-test-send", { tenantId, campaignId, userId, spectatorId: bystander });
    await enqueueJob(producer, "campaign-test-send", { tenantId: otherTenant, campaignId, userId, spectatorId: person });
    await enqueueJob(producer, "campaign-batch", { tenantId, campaignId, batch: 0 });

    const result = await removePendingJobsReferencing(producer, tenantId, [person]);
    expect(result).toEqual({ removed: 4, byQueue: { "email-send": 2, "sms-send": 1, tracking: 1 }, skipped: 0 });

    const left = await producer.queue("email-send").getJobs(["waiting", "delayed", "prioritized"]);
    expect(left.map((j) => (j.data as { spectatorId?: string }).spectatorId ?? null).sort()).toEqual([bystander, person, null].sort());
    expect(left.find((j) => (j.data as { spectatorId?: string }).spectatorId === person)?.data).toMatchObject({ tenantId: otherTenant });
    expect(await producer.queue("sms-send").count()).toBe(0);
    expect(await producer.queue("tracking").count()).toBe(0);
    // A second pass finds nothing: the removal is idempotent.
    expect((await removePendingJobsReferencing(producer, tenantId, [person])).removed).toBe(0);
  });
});
