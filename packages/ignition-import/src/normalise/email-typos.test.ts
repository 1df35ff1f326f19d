import { describe, expect, it } from "vitest";
import { suspectedDomainTypo } from "./email-typos";

describe("suspectedDomainTypo", () => {
  it("flags small edits of common domains and known confusions", () => {
    expect(suspectedDomainTypo("anne@gmial.com")).toBe("gmail.com");
    expect(suspectedDomainTypo("anne@hotmial.fr")).toBe("hotmail.fr");
    expect(suspectedDomainTypo("anne@yahooo.fr")).toBe("yahoo.fr");
    expect(suspectedDomainTypo("anne@gmail.fr")).toBe("gmail.com");
    expect(suspectedDomainTypo("anne@wanadoo.ff")).toBe("wanadoo.fr");
    expect(suspectedDomainTypo("anne@orgnae.fr")).toBe("orange.fr");
  });

  it("leaves real domains alone, common or not", () => {
    for (const ok of ["gmail.com", "yahoo.fr", "hotmail.fr", "orange.fr", "theatre-lyon.fr", "example.fr", "free.fr", "sfr.fr", "univ-lyon2.fr"]) {
      expect(suspectedDomainTypo(`anne@${ok}`), ok).toBeNull();
    }
  });
});
