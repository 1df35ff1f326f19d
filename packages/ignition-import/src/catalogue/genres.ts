// The fixed genre taxonomy of Ignition and the labels catalogues and ticketing systems use for
// each genre (French first, common synonyms and English). Labels are compared folded: no case,
// no accents, punctuation as spaces.

export const GENRES = {
  theatre: { fr: "Théâtre", en: "Theatre" },
  humour: { fr: "Humour", en: "Comedy" },
  danse: { fr: "Danse", en: "Dance" },
  "musique-classique": { fr: "Musique classique", en: "Classical music" },
  jazz: { fr: "Jazz", en: "Jazz" },
  "musiques-actuelles": { fr: "Musiques actuelles", en: "Popular music" },
  opera: { fr: "Opéra", en: "Opera" },
  "jeune-public": { fr: "Jeune public", en: "Young audiences" },
  cirque: { fr: "Cirque", en: "Circus" },
} as const;

export type GenreId = keyof typeof GENRES;
export const GENRE_IDS = Object.keys(GENRES) as GenreId[];

const SYNONYMS: Record<GenreId, string[]> = {
  theatre: ["théâtre", "theatre", "théâtre contemporain", "théâtre classique", "comédie", "comedie dramatique", "drame", "tragédie", "boulevard", "théâtre de boulevard", "seul en scène", "marionnettes", "théâtre d'objets", "lecture", "play", "drama"],
  humour: ["humour", "one man show", "one woman show", "one-man-show", "stand up", "stand-up", "café-théâtre", "cafe theatre", "comique", "humoriste", "comedy", "sketchs", "imitations"],
  danse: ["danse", "danse contemporaine", "ballet", "danse classique", "hip hop", "hip-hop", "flamenco", "tango", "dance", "contemporary dance"],
  "musique-classique": ["classique", "musique classique", "musique de chambre", "symphonique", "orchestre", "récital", "recital", "baroque", "musique ancienne", "concert classique", "classical", "classical music", "chamber music"],
  jazz: ["jazz", "blues", "swing", "jazz manouche", "big band", "soul jazz"],
  "musiques-actuelles": ["musiques actuelles", "musique actuelle", "rock", "pop", "pop rock", "électro", "electro", "musique électronique", "chanson", "chanson française", "variété", "variétés", "rap", "hip hop musique", "reggae", "world", "musiques du monde", "folk", "metal", "soul", "funk", "concert", "pop music", "popular music"],
  opera: ["opéra", "opera", "opérette", "operette", "art lyrique", "lyrique", "opéra comique", "comédie musicale", "musical"],
  "jeune-public": ["jeune public", "famille", "en famille", "enfants", "enfant", "tout public dès", "spectacle jeunesse", "jeunesse", "scolaire", "young audiences", "family", "kids", "children"],
  cirque: ["cirque", "cirque contemporain", "nouveau cirque", "arts de la piste", "acrobatie", "jonglage", "clown", "magie", "circus"],
};

export function foldLabel(label: string): string {
  return label
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/œ/g, "oe")
    .replace(/æ/g, "ae")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

const LOOKUP = new Map<string, GenreId>();
for (const id of GENRE_IDS) {
  LOOKUP.set(foldLabel(id), id);
  LOOKUP.set(foldLabel(GENRES[id].fr), id);
  LOOKUP.set(foldLabel(GENRES[id].en), id);
  for (const s of SYNONYMS[id]) if (!LOOKUP.has(foldLabel(s))) LOOKUP.set(foldLabel(s), id);
}

/**
 * The genre for a catalogue label: an exact (folded) label, else the first of "Rock/Pop",
 * "Théâtre - Comédie" or "Humour, One man show" parts that is known. Null when nothing matches
 * (reported as unmatched, never guessed).
 */
export function genreForLabel(label: string | null | undefined): GenreId | null {
  if (!label) return null;
  const folded = foldLabel(label);
  if (!folded) return null;
  const exact = LOOKUP.get(folded);
  if (exact) return exact;
  for (const part of label.split(/[/,;|+&]| - | – /)) {
    const hit = LOOKUP.get(foldLabel(part));
    if (hit) return hit;
  }
  return null;
}
