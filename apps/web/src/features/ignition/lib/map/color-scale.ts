// Classes for the choropleth: up to five classes spaced geometrically between the smallest and
// the largest value (audiences are very skewed: the venue's own département often outweighs all
// the others together, and equal-width or quantile classes would lump the rest together), with
// bounds rounded to readable numbers, so a legend says "50 – 99" rather than "47.3 – 98.6".

/** Light to dark; the lightest is still clearly blue next to the near-white "no data". */
export const CLASS_COLOURS = ["#bfdbfe", "#60a5fa", "#2563eb", "#1e40af", "#172554"] as const;
export const NO_DATA_COLOUR = "#f1f5f9";

export interface ColourClass {
  /** Inclusive lower bound. */
  min: number;
  /** Inclusive upper bound (the largest value in the class's range). */
  max: number;
  colour: string;
}

/** Rounds down to 1, 2 or 5 × a power of ten (≥ 1): bounds a reader can take in at a glance. */
export function niceFloor(value: number): number {
  if (value < 1) return value <= 0 ? 0 : 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const mantissa = value / power;
  const nice = mantissa >= 5 ? 5 : mantissa >= 2 ? 2 : 1;
  return nice * power;
}

/** Up to `maxClasses` classes covering every value; empty when there is no positive value. */
export function colourClasses(values: readonly number[], maxClasses = CLASS_COLOURS.length): ColourClass[] {
  const sorted = values.filter((v) => Number.isFinite(v) && v > 0).sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  const min = sorted[0]!;
  const max = sorted.at(-1)!;
  const starts = new Set<number>([niceFloor(min)]);
  for (let k = 1; k < maxClasses; k++) {
    const cut = niceFloor(min * (max / min) ** (k / maxClasses));
    if (cut > niceFloor(min)) starts.add(cut);
  }
  const lows = [...starts].sort((a, b) => a - b);
  // Spread the palette over the classes actually used, keeping the darkest for the top one.
  const offset = CLASS_COLOURS.length - lows.length;
  return lows.map((min, i) => ({
    min,
    max: i + 1 < lows.length ? nextBelow(lows[i + 1]!) : max,
    colour: CLASS_COLOURS[offset + i]!,
  }));
}

/** The largest value strictly below `bound` for the integer figures shown (counts, cents). */
function nextBelow(bound: number): number {
  return bound - 1;
}

export function classOf(value: number | undefined, classes: readonly ColourClass[]): ColourClass | null {
  if (value === undefined || value <= 0) return null;
  for (let i = classes.length - 1; i >= 0; i--) if (value >= classes[i]!.min) return classes[i]!;
  return classes[0] ?? null;
}
