import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { departementByCode, departementsGeoJson, listDepartements, listRegions, regionByCode } from "./departements";

describe("départements and régions", () => {
  it("lists the 101 départements, Corsica and overseas included, collectivities excluded", () => {
    const codes = listDepartements().map((d) => d.code);
    expect(codes).toHaveLength(101);
    for (const code of ["01", "2A", "2B", "95", "971", "972", "973", "974", "976"]) expect(codes).toContain(code);
    expect(codes).not.toContain("20");
    expect(codes).not.toContain("975");
  });

  it("looks up a département and its région", () => {
    expect(departementByCode("2a")).toMatchObject({ code: "2A", name: "Corse-du-Sud", region: { code: "94", name: "Corse" } });
    expect(departementByCode("976")?.region?.name).toBe("Mayotte");
    expect(departementByCode("975")).toMatchObject({ zone: "com", region: null });
    expect(departementByCode("99")).toBeUndefined();
    expect(regionByCode("84")?.departementCodes).toContain("69");
    expect(regionByCode("11")?.name).toBe("Île-de-France");
    expect(regionByCode("975")).toBeUndefined();
    expect(listRegions()).toHaveLength(18);
  });

  it("ships boundaries for exactly the listed départements", () => {
    const geo = departementsGeoJson();
    expect(geo.type).toBe("FeatureCollection");
    const codes = geo.features.map((f) => f.properties.code).sort();
    expect(codes).toEqual(listDepartements().map((d) => d.code).sort());
    expect(Object.isFrozen(geo.features[0])).toBe(true);
    expect(departementsGeoJson()).toBe(geo);
  });
});

describe("shipped data files", () => {
  it("the centroid CSV keeps the simple shape the loader relies on (5 columns, no quotes)", () => {
    const lines = readFileSync(new URL("../data/communes-centroids.csv", import.meta.url), "utf8").trim().split("\n");
    expect(lines[0]).toBe("code,nom,departement,lat,lon");
    expect(lines.length - 1).toBe(35357);
    expect(lines.filter((line) => line.includes('"') || line.split(",").length !== 5)).toEqual([]);
  });

  it("carries the licence notice", () => {
    const notice = readFileSync(new URL("../data/NOTICE.md", import.meta.url), "utf8");
    expect(notice).toContain("Source : IGN – GEOFLA 2016, INSEE");
    expect(notice).toContain("Licence Ouverte / Open Licence");
  });
});
