// Hands claimed ledger rows to a batch's sending lanes and claims the next chunk while the lanes
// still have rows to send. Claiming chunk by chunk with a barrier (send the whole chunk, then
// claim) left the connections idle twice per chunk: while the last messages of the chunk drained
// and while the next claim ran. The claim is the only source of rows, and it locks with SKIP
// LOCKED and marks them "sending", so a refill can never hand out a row twice; at most one
// refill runs at a time. A stop (status change, bounce pause, shutdown) ends the claims but the
// rows already claimed are still handed out, as the whole claimed chunk was before: a claimed row
// always gets an outcome (a cancelled campaign keeps no row "sending").

/** What a refill found: rows (none: the batch has nothing claimable now), or a reason to stop. */
export type TClaimResult<T> = { rows: T[] } | { stop: string };

export class ClaimFeed<T> {
  private queue: T[] = [];
  private refilling: Promise<void> | null = null;
  private exhausted = false;
  private failure: unknown = null;
  private stopReason: string | null = null;

  /**
   * `claim` runs before each chunk (it may also do the between-chunk work: record failures,
   * check the campaign's status); a refill starts as soon as no more than `lowWater` rows wait.
   */
  constructor(
    private readonly claim: () => Promise<TClaimResult<T>>,
    private readonly lowWater: number,
  ) {}

  /** Why the feed stopped early (status change, bounce pause, shutdown), or null. */
  get stopped(): string | null {
    return this.stopReason;
  }

  stop(reason: string): void {
    this.stopReason ??= reason;
  }

  /** The next row to send, or null once the batch has nothing claimable (or the feed stopped) and the claimed rows are all handed out. */
  async next(): Promise<T | null> {
    for (;;) {
      if (this.failure) throw this.failure;
      if (this.queue.length <= this.lowWater) this.refill();
      const row = this.queue.shift();
      if (row !== undefined) return row;
      if (!this.refilling) return null;
      await this.refilling;
    }
  }

  private refill(): void {
    if (this.refilling || this.exhausted || this.stopReason !== null || this.failure) return;
    this.refilling = this.claim()
      .then(
        (result) => {
          if ("stop" in result) this.stop(result.stop);
          else if (result.rows.length === 0) this.exhausted = true;
          else this.queue.push(...result.rows);
        },
        (error: unknown) => {
          this.failure = error;
        },
      )
      .finally(() => {
        this.refilling = null;
      });
  }
}
