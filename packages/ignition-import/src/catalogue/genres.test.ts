import { describe, expect, it } from "vitest";
import { GENRE_IDS, genreForLabel } from "./genres";

describe("genreForLabel", () => {
  it("maps French labels, synonyms and ids to the taxonomy, without regard to case or accents", () => {
    expect(genreForLabel("Théâtre")).toBe("theatre");
    expect(genreForLabel("THEATRE")).toBe("theatre");
    expect(genreForLabel("One man show")).toBe("humour");
    expect(genreForLabel("Classique")).toBe("musique-classique");
    expect(genreForLabel("Rock/Pop")).toBe("musiques-actuelles");
    expect(genreForLabel("Électro")).toBe("musiques-actuelles");
    expect(genreForLabel("Chanson")).toBe("musiques-actuelles");
    expect(genreForLabel("Jeune public")).toBe("jeune-public");
    expect(genreForLabel("Famille")).toBe("jeune-public");
    expect(genreForLabel("Opéra")).toBe("opera");
    expect(genreForLabel("cirque contemporain")).toBe("cirque");
    expect(genreForLabel("musique-classique")).toBe("musique-classique");
    for (const id of GENRE_IDS) expect(genreForLabel(id)).toBe(id);
  });

  it("does not guess", () => {
    expect(genreForLabel("Conférence")).toBeNull();
    expect(genreForLabel("")).toBeNull();
    expect(genreForLabel(null)).toBeNull();
  });
});
