// Seeded randomness for everything that is not a person's name or address (faker does those).
// xoroshiro128+ from pure-rand: fast enough for millions of draws, and the same seed always
// yields the same sequence on every machine.
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import type { RandomGenerator } from "pure-rand/types/RandomGenerator";

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/** 32-bit FNV-1a, to derive independent streams from a seed and a label. */
function hash32(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h | 0;
}

export class Random {
  private readonly rng: RandomGenerator;

  constructor(seed: number) {
    this.rng = xoroshiro128plus(seed | 0);
  }

  /** An independent stream for one part of the data (a tenant, a performance …), so each part
   * stays the same whatever is generated before it. */
  static derive(seed: number, ...labels: (string | number)[]): Random {
    return new Random(hash32(labels.join("/"), seed));
  }

  /** Uniform in [0, 1). */
  float(): number {
    return uniformFloat64(this.rng);
  }

  between(min: number, max: number): number {
    return min + (max - min) * this.float();
  }

  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("cannot pick from an empty list");
    return items[Math.floor(this.float() * items.length)] as T;
  }

  /** Picks a value with probability proportional to its weight. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of entries) total += w;
    let u = this.float() * total;
    for (const [value, w] of entries) {
      u -= w;
      if (u < 0) return value;
    }
    return entries[entries.length - 1]![0];
  }

  /** Normal distribution (Box–Muller). */
  normal(mean: number, sd: number): number {
    const u = 1 - this.float();
    const v = this.float();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Exponential distribution truncated to [0, limit]: inverse CDF, no rejection loop. */
  truncatedExponential(mean: number, limit: number): number {
    if (limit <= 0) return 0;
    return -mean * Math.log(1 - this.float() * (1 - Math.exp(-limit / mean)));
  }

  /** A version-4-shaped UUID drawn from this stream (deterministic, unlike crypto.randomUUID). */
  uuid(): string {
    const a = this.rng.next() >>> 0;
    const b = this.rng.next() >>> 0;
    const c = this.rng.next() >>> 0;
    const d = this.rng.next() >>> 0;
    return formatUuid(a, b, c, d);
  }
}

/** murmur3's finaliser: a bijection on 32-bit integers, so distinct indexes give distinct ids. */
function fmix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * The id of the index-th row of a table, without keeping any list: unique per (salt, index) by
 * construction (the first 32 bits are a bijection of the index), random-looking otherwise. Rows
 * that reference each other (an order's buyer) recompute the id from the index.
 */
export function indexedUuid(salt: number, index: number): string {
  const a = fmix32((index ^ salt) >>> 0);
  const b = fmix32(a ^ 0x9e3779b9 ^ salt);
  const c = fmix32(b ^ 0x7f4a7c15);
  const d = fmix32(c ^ salt ^ 0x2545f491);
  return formatUuid(a, b, c, d);
}

/** A 32-bit salt for a label, e.g. one per tenant and table. */
export function saltOf(seed: number, ...labels: (string | number)[]): number {
  return hash32(labels.join("/"), seed) >>> 0;
}

/** Four 32-bit words as a UUID string, with the version-4 and RFC 4122 variant bits set. */
function formatUuid(a: number, b: number, c: number, d: number): string {
  const b1 = (b & 0x0fff) | 0x4000; // version 4
  const c1 = ((c >>> 16) & 0x3fff) | 0x8000; // RFC 4122 variant
  const hex = (word: number) => HEX[word >>> 24]! + HEX[(word >>> 16) & 255]! + HEX[(word >>> 8) & 255]! + HEX[word & 255]!;
  return (
    hex(a) +
    "-" +
    HEX[b >>> 24]! +
    HEX[(b >>> 16) & 255]! +
    "-" +
    HEX[b1 >>> 8]! +
    HEX[b1 & 255]! +
    "-" +
    HEX[c1 >>> 8]! +
    HEX[c1 & 255]! +
    "-" +
    HEX[c & 255]! +
    HEX[(c >>> 8) & 255]! +
    hex(d)
  );
}
