// The feed in front of a batch's lanes: the next chunk is claimed while rows remain, one claim at
// a time, each claimed row handed out exactly once, and a stop ends the claims but not the rows
// already claimed. (The claim's SQL and its SKIP LOCKED are exercised by campaign-send.test.ts.)
import { describe, expect, it } from "vitest";
import { ClaimFeed, type TClaimResult } from "./campaign-feed";

const tick = () => new Promise((r) => setTimeout(r, 1));

/** A source of `total` numbered rows, `chunk` per claim, that records how claims overlap. */
function source(total: number, chunk: number) {
  let nextRow = 0;
  const stats = { claims: 0, running: 0, maxRunning: 0, queuedAtClaim: [] as number[] };
  return {
    stats,
    claim: async (queued: () => number): Promise<TClaimResult<number>> => {
      stats.claims += 1;
      stats.running += 1;
      stats.maxRunning = Math.max(stats.maxRunning, stats.running);
      stats.queuedAtClaim.push(queued());
      await tick();
      stats.running -= 1;
      const rows = Array.from({ length: Math.min(chunk, total - nextRow) }, (_, i) => nextRow + i);
      nextRow += rows.length;
      return { rows };
    },
  };
}

async function runLanes(feed: ClaimFeed<number>, lanes: number, handed: number[], onRow?: (row: number) => void) {
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      for (let r = await feed.next(); r !== null; r = await feed.next()) {
        handed.push(r);
        onRow?.(r);
        await tick();
      }
    }),
  );
}

describe("claim feed", () => {
  it("hands out every claimed row once, claiming the next chunk before the lanes run dry, one claim at a time", async () => {
    const handed: number[] = [];
    const src = source(1_000, 100);
    const feed = new ClaimFeed<number>(() => src.claim(() => 1_000 - handed.length), 20);
    await runLanes(feed, 8, handed);
    expect(handed).toHaveLength(1_000);
    expect(new Set(handed).size).toBe(1_000);
    expect(src.stats.maxRunning).toBe(1);
    // 10 chunks and the empty claim that ends the batch.
    expect(src.stats.claims).toBe(11);
    // Past the first, every claim started while rows were still waiting to be handed out.
    const outstanding = src.stats.queuedAtClaim.slice(1, 10);
    expect(outstanding.every((n) => n > 0)).toBe(true);
  });

  it("stops claiming on a stop but still hands out the rows already claimed", async () => {
    const handed: number[] = [];
    let claims = 0;
    const feed = new ClaimFeed<number>(async () => {
      claims += 1;
      await tick();
      if (claims === 2) return { stop: "campaign no longer sending" };
      return { rows: Array.from({ length: 50 }, (_, i) => i) };
    }, 10);
    await runLanes(feed, 4, handed);
    expect(feed.stopped).toBe("campaign no longer sending");
    expect(claims).toBe(2);
    expect(handed.sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it("fails the lanes when a claim fails", async () => {
    const feed = new ClaimFeed<number>(async () => {
      throw new Error("database gone");
    }, 4);
    await expect(runLanes(feed, 2, [])).rejects.toThrow("database gone");
  });
});
