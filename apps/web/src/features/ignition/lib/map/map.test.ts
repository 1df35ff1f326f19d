import { describe, expect, it } from "vitest";
import { classOf, colourClasses, niceFloor } from "./color-scale";
import { coverRadiusKm, layoutCommuneMap, radiusFor } from "./commune-map";
import { getFranceMap, MAINLAND_BOX, MAP_HEIGHT, MAP_WIDTH, OVERSEAS_CODES } from "./france-map";

function inside(bounds: [[number, number], [number, number]], box: { x: number; y: number; width: number; height: number }): boolean {
  const [[x0, y0], [x1, y1]] = bounds;
  return x0 >= box.x - 0.5 && y0 >= box.y - 0.5 && x1 <= box.x + box.width + 0.5 && y1 <= box.y + box.height + 0.5;
}

function centre(code: string): [number, number] {
  const s = getFranceMap().shapes.find((x) => x.code === code)!;
  return [(s.bounds[0][0] + s.bounds[1][0]) / 2, (s.bounds[0][1] + s.bounds[1][1]) / 2];
}

describe("France map", () => {
  const map = getFranceMap();

  it("draws the 101 départements, each with a path", () => {
    expect(map.shapes).toHaveLength(101);
    for (const s of map.shapes) expect(s.d, s.code).toMatch(/^M/);
    expect(new Set(map.shapes.map((s) => s.code)).size).toBe(101);
  });

  it("keeps mainland France and Corsica inside the mainland box", () => {
    for (const s of map.shapes.filter((x) => !x.inset)) expect(inside(s.bounds, MAINLAND_BOX), s.code).toBe(true);
  });

  it("draws each overseas département inside its own inset, insets apart from the mainland and each other", () => {
    expect(map.insets.map((f) => f.code)).toEqual([...OVERSEAS_CODES]);
    for (const frame of map.insets) {
      const s = map.shapes.find((x) => x.code === frame.code)!;
      expect(s.inset).toBe(true);
      expect(inside(s.bounds, frame), frame.code).toBe(true);
      expect(frame.x).toBeGreaterThan(MAINLAND_BOX.x + MAINLAND_BOX.width);
      expect(frame.x + frame.width).toBeLessThanOrEqual(MAP_WIDTH);
      expect(frame.y + frame.height).toBeLessThanOrEqual(MAP_HEIGHT);
    }
    for (let i = 1; i < map.insets.length; i++) {
      expect(map.insets[i]!.y).toBeGreaterThanOrEqual(map.insets[i - 1]!.y + map.insets[i - 1]!.height);
    }
  });

  it("puts places where they belong: north up, west left, Corsica south-east", () => {
    const [parisX, parisY] = centre("75");
    const [marseilleX, marseilleY] = centre("13");
    expect(parisY).toBeLessThan(marseilleY); // Paris is north of Marseille
    expect(centre("29")[0]).toBeLessThan(centre("67")[0]); // Finistère west of Bas-Rhin
    expect(centre("2A")[0]).toBeGreaterThan(marseilleX);
    expect(centre("2A")[1]).toBeGreaterThan(parisY);
    expect(centre("59")[1]).toBeLessThan(parisY); // Nord is north of Paris
    expect(parisX).toBeGreaterThan(centre("29")[0]);
  });

  it("stays small enough to inline in the page", () => {
    expect(map.shapes.reduce((n, s) => n + s.d.length, 0)).toBeLessThan(100_000);
  });
});

describe("colour classes", () => {
  it("rounds bounds to readable numbers", () => {
    expect([0.4, 1, 7, 13, 47, 120, 380, 999].map(niceFloor)).toEqual([1, 1, 5, 10, 20, 100, 200, 500]);
  });

  it("covers every value with contiguous classes, darkest on top", () => {
    const values = [5, 6, 8, 12, 20, 35, 60, 110, 400, 1300];
    const classes = colourClasses(values);
    expect(classes.length).toBeGreaterThan(1);
    expect(classes.length).toBeLessThanOrEqual(5);
    for (let i = 1; i < classes.length; i++) expect(classes[i]!.min).toBe(classes[i - 1]!.max + 1);
    expect(classes.at(-1)!.max).toBe(1300);
    expect(classes.at(-1)!.colour).toBe("#172554");
    for (const v of values) expect(classOf(v, classes), String(v)).not.toBeNull();
    expect(classOf(1300, classes)).toBe(classes.at(-1));
    expect(classOf(5, classes)).toBe(classes[0]);
    expect(classOf(0, classes)).toBeNull();
  });

  it("keeps a dominant home département from swallowing the others (geometric spacing)", () => {
    const values = [34, 35, 44, 131, 136, 186, 2323];
    const classes = colourClasses(values);
    expect(classes.map((c) => c.min)).toEqual([20, 50, 100, 200, 500]);
    expect(classOf(2323, classes)).toBe(classes[4]);
    expect(classOf(186, classes)).toBe(classes[2]);
    expect(classOf(34, classes)).toBe(classes[0]);
  });

  it("has no class without a positive value, and one class for a single value", () => {
    expect(colourClasses([])).toEqual([]);
    expect(colourClasses([0, 0])).toEqual([]);
    expect(colourClasses([42, 42])).toHaveLength(1);
  });
});

describe("commune points", () => {
  const venue = { id: "v", name: "Grande salle", latitude: 45.74515, longitude: 4.87087 };
  const lyon = { code: "69123", name: "Lyon", latitude: 45.758, longitude: 4.835, value: 400 };
  const villeurbanne = { code: "69266", name: "Villeurbanne", latitude: 45.771, longitude: 4.89, value: 100 };
  const paris = { code: "75056", name: "Paris", latitude: 48.8566, longitude: 2.3522, value: 6 };

  it("sizes circles by area and never below a visible minimum", () => {
    expect(radiusFor(100, 400)).toBeCloseTo(radiusFor(400, 400) / 2, 5);
    expect(radiusFor(0, 400)).toBe(3);
  });

  it("covers most of the value and leaves far-away communes out of the drawing", () => {
    expect(coverRadiusKm([{ km: 2, value: 90 }, { km: 400, value: 10 }])).toBeLessThan(10.1);
    const map = layoutCommuneMap([lyon, villeurbanne, paris], [venue])!;
    expect(map.outside).toBe(1);
    expect(map.points.map((p) => p.code).sort()).toEqual(["69123", "69266"]);
    for (const p of map.points) {
      expect(p.x).toBeGreaterThan(0);
      expect(p.x).toBeLessThan(map.width);
      expect(p.y).toBeGreaterThan(0);
      expect(p.y).toBeLessThan(map.height);
    }
    const placedLyon = map.points.find((p) => p.code === "69123")!;
    const placedVilleurbanne = map.points.find((p) => p.code === "69266")!;
    expect(placedVilleurbanne.x).toBeGreaterThan(placedLyon.x); // east
    expect(placedVilleurbanne.y).toBeLessThan(placedLyon.y); // north
    expect(map.venues[0]!.x).toBeCloseTo(map.width / 2, 0);
    expect(map.background.some((b) => b.code === "69")).toBe(true);
  });

  it("has nothing to centre on without a venue", () => {
    expect(layoutCommuneMap([lyon], [])).toBeNull();
  });
});
