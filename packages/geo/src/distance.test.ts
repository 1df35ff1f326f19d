import { describe, expect, it } from "vitest";
import { communeByCode } from "./communes";
import { distanceKm } from "./distance";

describe("distanceKm", () => {
  it("Paris–Lyon is about 392 km between commune centroids", () => {
    const paris = communeByCode("75056")!.centroid!;
    const lyon = communeByCode("69123")!.centroid!;
    expect(distanceKm(paris, lyon)).toBeGreaterThan(387);
    expect(distanceKm(paris, lyon)).toBeLessThan(397);
  });

  it("is symmetric, zero on the same point, and exact on a meridian", () => {
    const a = { lat: 45, lon: 5 };
    const b = { lat: 46, lon: 5 };
    expect(distanceKm(a, a)).toBe(0);
    expect(distanceKm(a, b)).toBeCloseTo(distanceKm(b, a), 10);
    // One degree of latitude on a 6371.0088 km sphere.
    expect(distanceKm(a, b)).toBeCloseTo(111.195, 2);
  });
});
