import { describe, expect, it } from "vitest";
import { centroidForPostalCode, communeByCode, communesForPostalCode } from "./communes";
import { distanceKm } from "./distance";

const codes = (pc: string) => communesForPostalCode(pc).map((c) => c.code);

describe("communesForPostalCode", () => {
  it("69001 is Lyon (the commune 69123, not its arrondissement)", () => {
    const [lyon, ...rest] = communesForPostalCode("69001");
    expect(rest).toEqual([]);
    expect(lyon).toMatchObject({ code: "69123", name: "Lyon" });
    expect(lyon?.departement.code).toBe("69");
    expect(lyon?.region?.name).toBe("Auvergne-Rhône-Alpes");
    expect(lyon?.postalCodes).toHaveLength(9);
  });

  it("13200 is Arles, 97400 is Saint-Denis (La Réunion), 20000 is Ajaccio (2A)", () => {
    expect(communesForPostalCode("13200").map((c) => c.name)).toEqual(["Arles"]);
    const [stDenis] = communesForPostalCode("97400");
    expect(stDenis).toMatchObject({ code: "97411", name: "Saint-Denis" });
    expect(stDenis?.departement).toMatchObject({ code: "974", name: "La Réunion", zone: "drom" });
    expect(stDenis?.region?.code).toBe("04");
    const [ajaccio] = communesForPostalCode("20000");
    expect(ajaccio).toMatchObject({ code: "2A004", name: "Ajaccio" });
    expect(ajaccio?.departement.code).toBe("2A");
    expect(ajaccio?.region?.name).toBe("Corse");
  });

  it("returns every commune of a shared postal code, most populous first", () => {
    const belley = communesForPostalCode("01300");
    expect(belley.length).toBe(22);
    expect(belley[0]?.name).toBe("Belley");
    expect(belley.map((c) => c.name)).toContain("Arboys en Bugey");
    const populations = belley.map((c) => c.population ?? 0);
    expect(populations).toEqual([...populations].sort((a, b) => b - a));
  });

  it("never derives the département from the first digits (13780 spans 13 and 83)", () => {
    const communes = communesForPostalCode("13780");
    expect(communes.map((c) => [c.name, c.departement.code]).sort()).toEqual([
      ["Cuges-les-Pins", "13"],
      ["Riboux", "83"],
    ]);
  });

  it("gives an empty list for unknown or malformed codes, never a throw", () => {
    expect(codes("99999")).toEqual([]);
    expect(codes("")).toEqual([]);
    expect(codes("abcde")).toEqual([]);
    expect(codes("6900")).toEqual([]);
    expect(codes(" 69 001 ")).toEqual(["69123"]);
  });
});

describe("communeByCode", () => {
  it("finds current communes with département, région and centroid", () => {
    const arles = communeByCode("13004");
    expect(arles).toMatchObject({ name: "Arles", departement: { code: "13" }, region: { code: "93" } });
    expect(arles?.centroid?.lat).toBeCloseTo(43.55, 0);
    expect(arles?.centroid?.lon).toBeCloseTo(4.6, 0);
  });

  it("resolves the code of a commune merged since 2016 to the current commune", () => {
    // Saint-Bois (01340) merged with Arbignieu (01015) into Arboys en Bugey (01015) in 2016.
    expect(communeByCode("01340")).toMatchObject({ code: "01015", name: "Arboys en Bugey" });
    // Anctoville (14011) is one of the seven communes merged into Aurseulles (14581).
    expect(communeByCode("14011")).toMatchObject({ code: "14581", name: "Aurseulles" });
    // An arrondissement municipal resolves to its commune.
    expect(communeByCode("69381")?.code).toBe("69123");
    expect(communeByCode("00000")).toBeUndefined();
  });

  it("gives a merged commune whose own code is not in the 2016 file a centroid from its former communes", () => {
    // Aurseulles (14581, created 2017) has no 2016 row; its centroid comes from its seven
    // predecessors, all in Calvados around Villers-Bocage (49.10 N, 0.66 W).
    const aurseulles = communeByCode("14581");
    expect(aurseulles?.centroid).not.toBeNull();
    expect(distanceKm(aurseulles!.centroid!, { lat: 49.1, lon: -0.66 })).toBeLessThan(15);
  });
});

describe("centroidForPostalCode", () => {
  it("is weighted by population: 01300 points near Belley, not at the mean of 22 villages", () => {
    const belley = communeByCode("01034")!;
    const weighted = centroidForPostalCode("01300")!;
    const communes = communesForPostalCode("01300").filter((c) => c.centroid);
    const unweighted = {
      lat: communes.reduce((s, c) => s + c.centroid!.lat, 0) / communes.length,
      lon: communes.reduce((s, c) => s + c.centroid!.lon, 0) / communes.length,
    };
    expect(distanceKm(weighted, belley.centroid!)).toBeLessThan(distanceKm(unweighted, belley.centroid!));
  });

  it("is the commune's centroid for a single-commune code, null for an unknown one", () => {
    expect(centroidForPostalCode("13200")).toEqual(communeByCode("13004")?.centroid);
    expect(centroidForPostalCode("99999")).toBeNull();
  });
});
