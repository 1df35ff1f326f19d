import { describe, expect, it } from "vitest";
import { BatchSizes, LARGEST_BATCH } from "./batch-sizes";

// A file of `rows` rows of 170 bytes each, cut where each batch ends.
function sizesFor(rows: number, bytesPerRow = 170, readAhead = 0): number[] {
  const sizes = new BatchSizes(rows * bytesPerRow);
  const out = [sizes.first()];
  let read = out[0]!;
  while (read < rows) {
    const size = sizes.next(read, Math.min(rows, read + readAhead) * bytesPerRow);
    out.push(Math.min(size, rows - read));
    read += size;
  }
  return out;
}

describe("batch sizes", () => {
  it("ramp up to the largest size, then taper off near the end of the file", () => {
    const sizes = sizesFor(1_000_000);
    expect(sizes.slice(0, 4)).toEqual([20_000, 40_000, 80_000, 80_000]);
    expect(Math.max(...sizes)).toBe(LARGEST_BATCH);
    const tail = sizes.slice(-4);
    expect(tail[0]!).toBeGreaterThan(tail[1]!);
    expect(sizes.at(-1)!).toBeLessThanOrEqual(10_000);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(1_000_000);
  });

  it("only ramp up when the whole file was read before the rows came (a spooled workbook)", () => {
    const sizes = new BatchSizes(1_000);
    expect([sizes.first(), sizes.next(20_000, 1_000), sizes.next(60_000, 1_000), sizes.next(140_000, 1_000)]).toEqual([20_000, 40_000, 80_000, 80_000]);
  });

  it("are all the size asked for when one is given", () => {
    const sizes = new BatchSizes(1_000_000, 2);
    expect([sizes.first(), sizes.next(2, 10), sizes.next(4, 999_999)]).toEqual([2, 2, 2]);
  });
});
