import { describe, expect, it } from "vitest";
import { tagVerbatim } from "./tagger";

describe("verbatim tagger", () => {
  it("tags French comments, accents and case ignored, and says which words matched", () => {
    const r = tagVerbatim("Magnifique mise en scène, mais on n'ENTENDAIT rien au balcon et le siège était inconfortable.");
    expect(r.topics).toEqual(["artistic", "sound", "comfort"]);
    expect(r.matches.sound).toEqual(["entendait"]);
    expect(r.matches.comfort).toEqual(expect.arrayContaining(["siege", "inconfortable"]));
  });

  it("tags English comments", () => {
    expect(tagVerbatim("Great acting but the wheelchair access was poor and the bar queue endless").topics).toEqual([
      "artistic", "bar", "access", "booking",
    ]);
  });

  it("keeps short stems to whole words", () => {
    expect(tagVerbatim("La sonnerie d'un téléphone").topics).toEqual([]);
    expect(tagVerbatim("Le son était trop fort").topics).toEqual(["sound"]);
    expect(tagVerbatim("Les WC étaient sales").topics).toEqual(["toilets"]);
  });

  it("finds price and accessibility words", () => {
    expect(tagVerbatim("Places PMR introuvables, billets trop chers").topics).toEqual(["comfort", "access", "price", "booking"]);
    expect(tagVerbatim("").topics).toEqual([]);
  });
});
