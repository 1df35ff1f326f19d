import v8 from "node:v8";
import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { openImportFile } from "./open-import-file";
import { syntheticExport } from "./synthetic-export";

// A collectable heap is measured after a full GC; expose gc() to this test only.
v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;

const heapMb = () => {
  gc();
  return process.memoryUsage().heapUsed / 1024 / 1024;
};

describe("streaming", () => {
  it("reads 200,000 rows with a flat heap, pulling the source only as fast as rows are consumed", async () => {
    const ROWS = 200_000;
    const progress = { produced: 0 };
    const before = heapMb();
    const file = await openImportFile(syntheticExport(ROWS, progress));
    let consumed = 0;
    let peakGrowth = 0;
    let maxLead = 0;
    let lastLine = 0;
    for await (const row of file) {
      consumed++;
      lastLine = row.line;
      maxLead = Math.max(maxLead, progress.produced - consumed);
      if (consumed % 25_000 === 0) peakGrowth = Math.max(peakGrowth, heapMb() - before);
    }
    const after = heapMb();
    expect(consumed).toBe(ROWS);
    // Rows 0, 1000, … 199,000 have a title on two lines: the last row starts 200 lines later.
    expect(lastLine).toBe(1 + ROWS + 200);
    // The whole file is ~40 MB of text and 200,000 row objects would be far more; a streaming
    // reader holds a few chunks. Bounds are generous for GC and JIT noise.
    expect(peakGrowth).toBeLessThan(24);
    expect(after - before).toBeLessThan(8);
    // Backpressure: the generator never ran far ahead of the consumer.
    expect(maxLead).toBeLessThan(20_000);
  });
});
