// The group commit's batching and its commit point: messages that arrive while a commit is in
// flight wait and go together in the next one (instead of a transaction per timer tick); the
// terminators, then the COMMIT, are written in the same synchronous piece of code; a row the
// UPDATE did not take gets no terminator; a failed UPDATE aborts the group; a failed COMMIT after
// the terminators is retried and reported. The ledger side runs against PostgreSQL in
// campaign-send.test.ts and the pg side in @rappel/db's tenant-batch.test.ts.
import { describe, expect, it } from "vitest";
import { GroupCommitter, type CommitLoss, type PreparedGroup } from "./campaign-engine";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A fake ledger: `prepare` takes `ms`, then COMMIT is logged where the terminators are. */
function slowLedger(ms: number, options: { refuse?: Set<string>; failCommits?: number } = {}) {
  const groups: string[][] = [];
  const log: string[] = [];
  let concurrent = 0;
  let maxConcurrent = 0;
  let commitsToFail = options.failCommits ?? 0;
  const prepare = async (ids: string[]): Promise<PreparedGroup> => {
    groups.push(ids);
    concurrent += 1;
    maxConcurrent = Math.max(maxConcurrent, concurrent);
    await sleep(ms);
    concurrent -= 1;
    return {
      taken: new Set(ids.filter((id) => !options.refuse?.has(id))),
      commit: () => {
        log.push("COMMIT");
        if (commitsToFail > 0) {
          commitsToFail -= 1;
          return Promise.reject(new Error("connection lost during COMMIT"));
        }
        return Promise.resolve();
      },
    };
  };
  return { prepare, groups, log, maxConcurrent: () => maxConcurrent };
}

/** Adds a message; resolves "finished" or rejects with the abort, as the sender would. */
function send(committer: GroupCommitter, id: string, log: string[] = []): Promise<void> {
  return new Promise((resolve, reject) =>
    committer.add(id, {
      finish: () => {
        log.push(`terminator ${id}`);
        resolve();
      },
      abort: (error) => {
        log.push(`abort ${id}`);
        reject(error);
      },
    }),
  );
}

describe("GroupCommitter", () => {
  it("groups the messages that arrive during a slow commit into the next one", async () => {
    const c = slowLedger(30);
    const committer = new GroupCommitter(c.prepare, { maxDelayMs: 1 });
    const pending: Promise<void>[] = [];
    // 60 messages trickling in over ~60 ms: a commit per tick would be ~60 transactions.
    for (let i = 0; i < 60; i += 1) {
      pending.push(send(committer, `r${i}`));
      await sleep(1);
    }
    await Promise.all(pending);
    expect(c.groups.flat().sort()).toEqual(Array.from({ length: 60 }, (_, i) => `r${i}`).sort());
    expect(c.groups.length).toBeLessThanOrEqual(6);
    expect(c.maxConcurrent()).toBe(1);
  });

  it("starts a second commit beside the first only for a full group", async () => {
    const c = slowLedger(20);
    const committer = new GroupCommitter(c.prepare, { maxBatch: 10, maxDelayMs: 1, maxInFlight: 2 });
    await Promise.all(Array.from({ length: 40 }, (_, i) => send(committer, `r${i}`)));
    expect(c.groups.every((g) => g.length <= 10)).toBe(true);
    expect(c.groups.flat()).toHaveLength(40);
    expect(c.maxConcurrent()).toBe(2);
  });

  it("writes every taken message's terminator, then the COMMIT, with no await in between; aborts the others", async () => {
    const c = slowLedger(5, { refuse: new Set(["taken-over"]) });
    const committer = new GroupCommitter(c.prepare);
    const results = await Promise.allSettled(["a", "taken-over", "b"].map((id) => send(committer, id, c.log)));
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(c.log).toEqual(["terminator a", "terminator b", "COMMIT", "abort taken-over"]);
  });

  it("aborts the whole group, without any terminator, when the UPDATE fails", async () => {
    const log: string[] = [];
    const committer = new GroupCommitter(async () => {
      throw new Error("database gone");
    });
    const results = await Promise.allSettled([send(committer, "a", log), send(committer, "b", log)]);
    expect(results.every((r) => r.status === "rejected")).toBe(true);
    expect(log).toEqual(["abort a", "abort b"]);
  });

  it("marks the rows sent again and reports it when the COMMIT fails after the terminators", async () => {
    const c = slowLedger(1, { failCommits: 1 });
    const losses: CommitLoss[] = [];
    const committer = new GroupCommitter(c.prepare, { onCommitLoss: (loss) => losses.push(loss) });
    await Promise.all([send(committer, "a", c.log), send(committer, "b", c.log)]);
    await sleep(20);
    expect(c.log).toEqual(["terminator a", "terminator b", "COMMIT", "COMMIT"]);
    expect(c.groups).toEqual([["a", "b"], ["a", "b"]]);
    expect(losses).toEqual([{ spectatorIds: ["a", "b"], error: new Error("connection lost during COMMIT"), recovered: true }]);
  });
});
