import { describe, expect, it } from "vitest";
import { SharedStringSpool } from "./shared-string-spool";

describe("SharedStringSpool", () => {
  it("gives back every string by index, across write blocks and past its look-up cache", () => {
    const spool = new SharedStringSpool();
    try {
      const texts = Array.from({ length: 30_000 }, (_, i) => `Cœur à cœur n°${i} ${"é".repeat(i % 50)}`);
      for (const t of texts) spool.append(t);
      spool.append("");
      expect(spool.size).toBe(30_001);
      // Out of order and far apart, so reads hit the file rather than the cache.
      for (const i of [29_999, 0, 15_000, 1, 29_998, 4_097, 0]) expect(spool.get(i)).toBe(texts[i]);
      expect(spool.get(30_000)).toBe("");
      for (let i = 0; i < texts.length; i += 7) expect(spool.get(i)).toBe(texts[i]);
    } finally {
      spool.close();
    }
  });

  it("answers an index the table does not have with an empty string (a damaged workbook)", () => {
    const spool = new SharedStringSpool();
    try {
      spool.append("seul");
      expect(spool.get(1)).toBe("");
      expect(spool.get(-1)).toBe("");
      expect(spool.get(Number.NaN)).toBe("");
    } finally {
      spool.close();
    }
  });
});
