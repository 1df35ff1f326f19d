// A transparent, rule-based topic tagger for spectators' comments (French and English theatre
// vocabulary). Each topic is a list of word stems; a comment gets every topic one of whose stems
// starts a word of the comment (accents and case ignored), and the matched words are returned so
// staff can see why. Staff can then edit a verbatim's topics by hand.
export const TOPICS = [
  "artistic",
  "sound",
  "sightlines",
  "comfort",
  "welcome",
  "bar",
  "toilets",
  "access",
  "price",
  "booking",
  "duration",
  "temperature",
] as const;
export type TTopic = (typeof TOPICS)[number];

// Stems match the start of a word: "acoust" matches "acoustique" and "acoustics".
export const TOPIC_RULES: Record<TTopic, readonly string[]> = {
  artistic: ["spectacle", "mise en scene", "comedien", "acteur", "actrice", "jeu", "interpret", "piece", "texte", "choregraph", "danseu", "musicien", "chanteu", "artist", "show", "perform", "actor", "acting", "play", "script", "staging", "director", "cast", "magnifique", "emouvant", "bouleversant"],
  sound: ["son", "sono", "acoust", "micro", "entend", "audib", "sound", "hear", "volume", "fort", "loud"],
  sightlines: ["visib", "voir", "vue", "cache", "pilier", "poteau", "see", "view", "sightline", "obstruct", "pillar"],
  comfort: ["siege", "fauteuil", "confort", "inconfort", "place", "assis", "jambe", "seat", "comfort", "uncomfort", "legroom", "cramped", "etroit"],
  welcome: ["accueil", "personnel", "ouvreu", "hotesse", "agent", "aimable", "souriant", "staff", "usher", "welcom", "friendly", "rude", "impoli"],
  bar: ["bar", "buvette", "boisson", "restaura", "cafe", "biere", "vin", "drink", "food", "snack"],
  toilets: ["toilet", "wc", "sanitaire", "lavabo", "restroom", "bathroom", "loo"],
  access: ["acces", "handicap", "pmr", "fauteuil roulant", "ascenseur", "rampe", "parking", "transport", "tram", "metro", "wheelchair", "lift", "elevator", "accessib", "disab", "boucle magnetique", "hearing loop"],
  price: ["prix", "tarif", "cher", "couteu", "price", "expensive", "cheap", "cost", "value for money"],
  booking: ["billet", "billetterie", "reservation", "reserv", "site internet", "commande", "ticket", "booking", "book", "website", "box office", "guichet", "file d'attente", "queue"],
  duration: ["duree", "long", "entracte", "court", "retard", "length", "interval", "intermission", "late", "delay"],
  temperature: ["chaud", "froid", "chaleur", "clim", "temperature", "hot", "cold", "air condition"],
};

function normalise(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9 ]+/g, " ")
    .replace(/\s+/g, " ");
}

export interface TagResult {
  topics: TTopic[];
  /** topic → the words of the comment that matched, for transparency. */
  matches: Partial<Record<TTopic, string[]>>;
}

export function tagVerbatim(text: string): TagResult {
  const norm = ` ${normalise(text)} `;
  const words = norm.trim().split(" ").filter(Boolean);
  const matches: Partial<Record<TTopic, string[]>> = {};
  for (const topic of TOPICS) {
    const found = new Set<string>();
    for (const stem of TOPIC_RULES[topic]) {
      const normStem = normalise(stem).trim();
      if (normStem.includes(" ")) {
        if (norm.includes(` ${normStem}`)) found.add(stem);
        continue;
      }
      // Very short stems ("son", "bar", "vue", "wc") must be whole words: "sonnerie" is not sound.
      const whole = normStem.length <= 3;
      for (const w of words) if (whole ? w === normStem || w === `${normStem}s` : w.startsWith(normStem)) found.add(w);
    }
    if (found.size) matches[topic] = [...found];
  }
  return { topics: TOPICS.filter((t) => matches[t]), matches };
}

export function isTopic(value: string): value is TTopic {
  return (TOPICS as readonly string[]).includes(value);
}
