// The group commit's batching: signals that arrive while a commit is in flight wait and go
// together in the next one (instead of a transaction per timer tick), and a row the commit did
// not take rejects its sender. The ledger side is covered against PostgreSQL in campaign-send.
import { describe, expect, it } from "vitest";
import { GroupCommitter } from "./campaign-engine";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function slowCommit(ms: number, refuse: Set<string> = new Set()) {
  const groups: string[][] = [];
  let concurrent = 0;
  let maxConcurrent = 0;
  const commit = async (ids: string[]) => {
    groups.push(ids);
    concurrent += 1;
    maxConcurrent = Math.max(maxConcurrent, concurrent);
    await sleep(ms);
    concurrent -= 1;
    return new Set(ids.filter((id) => !refuse.has(id)));
  };
  return { commit, groups, maxConcurrent: () => maxConcurrent };
}

describe("GroupCommitter", () => {
  it("groups the signals that arrive during a slow commit into the next one", async () => {
    const c = slowCommit(30);
    const committer = new GroupCommitter(c.commit, { maxDelayMs: 1 });
    const pending: Promise<void>[] = [];
    // 60 signals trickling in over ~60 ms: a commit per tick would be ~60 transactions.
    for (let i = 0; i < 60; i += 1) {
      pending.push(committer.commit(`r${i}`));
      await sleep(1);
    }
    await Promise.all(pending);
    expect(c.groups.flat().sort()).toEqual(Array.from({ length: 60 }, (_, i) => `r${i}`).sort());
    expect(c.groups.length).toBeLessThanOrEqual(6);
    expect(c.maxConcurrent()).toBe(1);
  });

  it("starts a second commit beside the first only for a full group", async () => {
    const c = slowCommit(20);
    const committer = new GroupCommitter(c.commit, { maxBatch: 10, maxDelayMs: 1, maxInFlight: 2 });
    await Promise.all(Array.from({ length: 40 }, (_, i) => committer.commit(`r${i}`)));
    expect(c.groups.every((g) => g.length <= 10)).toBe(true);
    expect(c.groups.flat()).toHaveLength(40);
    expect(c.maxConcurrent()).toBe(2);
  });

  it("rejects the signals whose rows the commit did not take, and only those", async () => {
    const c = slowCommit(5, new Set(["taken-over"]));
    const committer = new GroupCommitter(c.commit);
    const results = await Promise.allSettled([committer.commit("mine"), committer.commit("taken-over")]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected"]);
  });

  it("rejects the whole group when the commit fails", async () => {
    const committer = new GroupCommitter(async () => {
      throw new Error("database gone");
    });
    const results = await Promise.allSettled([committer.commit("a"), committer.commit("b")]);
    expect(results.every((r) => r.status === "rejected")).toBe(true);
  });
});
