// How many rows the next batch of an import takes. Larger batches spend less per row on what
// every batch pays once (looking its buyers up again, the reference checks' passes over the new
// rows, round trips): at 1,000,000 rows 80,000 beat 40,000 by 4–7 % and 40,000 beat 20,000 by
// 3–10 % (decision 0027), for ~100 MB more peak memory each time. But a batch's two transactions
// only overlap the next batch's and the previous one's: the first batch is written only once it
// is read, the last one alone. So batches ramp up at the start (20,000, 40,000, then 80,000 rows)
// and taper off near the end of the file (half of the rows estimated left, at least 10,000).

export const LARGEST_BATCH = 80_000;
const FIRST_BATCH = 20_000;
const SMALLEST_BATCH = 10_000;

export class BatchSizes {
  private cuts = 0;
  /** Whether the bytes read tell how far the rows are: not when the whole file was read first (XLSX is spooled). */
  private progressive: boolean | null = null;

  /** `fixed`: every batch that size (tests, benchmarks). */
  constructor(
    private readonly fileSize: number,
    private readonly fixed?: number,
  ) {}

  /** The first batch's size. */
  first(): number {
    return this.fixed ?? FIRST_BATCH;
  }

  /** The size of the batch that starts after `rowsRead` rows, `bytesRead` bytes of the file having been read. */
  next(rowsRead: number, bytesRead: number): number {
    if (this.fixed !== undefined) return this.fixed;
    this.cuts += 1;
    const ramp = Math.min(LARGEST_BATCH, FIRST_BATCH * 2 ** this.cuts);
    this.progressive ??= bytesRead < this.fileSize;
    if (!this.progressive) return ramp;
    const rowsLeft = ((this.fileSize - bytesRead) * rowsRead) / bytesRead;
    return Math.max(SMALLEST_BATCH, Math.min(ramp, Math.ceil(rowsLeft / 2)));
  }
}
