import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createJobProducer, createRedisConnection, type JobProducer } from "@rappel/jobs";
import { removeQueuePrefix, testRedisUrl, uniqueQueuePrefix } from "@rappel/jobs/testing";
import type { Redis } from "ioredis";
import { jobHandlers } from "./registry";
import { syncJobSchedulers } from "./schedulers";
import { captureLogger } from "./testing/fixtures";

let connection: Redis;
let producer: JobProducer;
const prefix = uniqueQueuePrefix("schedulers");

beforeAll(() => {
  connection = createRedisConnection(testRedisUrl(), { role: "worker" });
  producer = createJobProducer(connection, { prefix });
});

afterAll(async () => {
  await producer.close();
  await removeQueuePrefix(connection, prefix);
  await connection.quit();
});

describe("syncJobSchedulers", () => {
  it("registers the declared schedules idempotently and removes schedulers nobody declares", async () => {
    // Left behind by an older release, on a queue that has no handler yet.
    await producer
      .queue("rollups")
      .upsertJobScheduler(
        "rollups-hourly",
        { every: 3_600_000 },
        { name: "refresh-rollups", data: {} },
      );
    const { logger, lines } = captureLogger();

    const first = await syncJobSchedulers(producer, jobHandlers, logger);
    expect(first).toEqual({ upserted: ["verify-audit-chains-daily", "campaign-sweep"], removed: ["rollups-hourly"] });
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: "warn",
        msg: "stale job scheduler removed",
        scheduler: "rollups-hourly",
      }),
    );

    // A restart (or a Redis that lost everything) converges on the same schedulers.
    const second = await syncJobSchedulers(producer, jobHandlers, logger);
    expect(second).toEqual({ upserted: ["verify-audit-chains-daily", "campaign-sweep"], removed: [] });
    const schedulers = await producer.queue("maintenance").getJobSchedulers();
    expect(schedulers).toHaveLength(2);
    expect(schedulers.find((s) => s.key === "campaign-sweep")).toMatchObject({ name: "campaign-sweep", every: 5000 });
    expect(schedulers.find((s) => s.key === "verify-audit-chains-daily")).toMatchObject({
      key: "verify-audit-chains-daily",
      name: "verify-audit-chains",
      pattern: "0 3 * * *",
    });
    expect(await producer.queue("rollups").getJobSchedulersCount()).toBe(0);

    // The scheduler has queued its next run as a delayed job, at 03:00 Paris time.
    const next = (await producer.queue("maintenance").getDelayed()).find((j) => j.name === "verify-audit-chains");
    expect(next?.name).toBe("verify-audit-chains");
    const runAt = new Date((next?.timestamp ?? 0) + (next?.delay ?? 0));
    expect(
      new Intl.DateTimeFormat("en-GB", {
        timeZone: "Europe/Paris",
        hour: "2-digit",
        minute: "2-digit",
      }).format(runAt),
    ).toBe("03:00");
  });
});
