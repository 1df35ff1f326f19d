// The show catalogue of the demo world: the genre taxonomy (stable ids, shared with Ignition),
// titles, producers, running times and price grids.
import type { Random } from "./random";

export const GENRES = [
  { id: "theatre", label: "Théâtre" },
  { id: "humour", label: "Humour" },
  { id: "danse", label: "Danse" },
  { id: "musique-classique", label: "Musique classique" },
  { id: "jazz", label: "Jazz" },
  { id: "musiques-actuelles", label: "Musiques actuelles" },
  { id: "opera", label: "Opéra" },
  { id: "jeune-public", label: "Jeune public" },
  { id: "cirque", label: "Cirque" },
] as const;
export type GenreId = (typeof GENRES)[number]["id"];

/** Running time in minutes [min, max], intermission included. */
export const RUNNING_TIME: Record<GenreId, [number, number]> = {
  theatre: [80, 150],
  humour: [70, 95],
  danse: [60, 90],
  "musique-classique": [90, 120],
  jazz: [80, 110],
  "musiques-actuelles": [90, 140],
  opera: [150, 200],
  "jeune-public": [45, 60],
  cirque: [70, 100],
};

/** Full price (plein tarif) in euros, [min, max], before the venue's own factor. */
const FULL_PRICE: Record<GenreId, [number, number]> = {
  theatre: [22, 38],
  humour: [25, 39],
  danse: [22, 36],
  "musique-classique": [25, 45],
  jazz: [18, 30],
  "musiques-actuelles": [28, 48],
  opera: [40, 75],
  "jeune-public": [10, 14],
  cirque: [20, 32],
};

export function fullPriceCents(random: Random, genre: GenreId, venueFactor: number): number {
  const [min, max] = FULL_PRICE[genre];
  // Prices end in .00 or .50, like a real grid.
  return Math.round(random.between(min, max) * venueFactor * 2) * 50;
}

/** Price categories (tarifs): price as a share of the full price; Invitation is complimentary. */
export const PRICE_CATEGORIES = {
  "Plein tarif": 1,
  Réduit: 0.8,
  Abonné: 0.75,
  "Jeune -26": 0.5,
  Groupe: 0.85,
  Invitation: 0,
} as const;
export type PriceCategory = keyof typeof PRICE_CATEGORIES;

export function categoryPriceCents(fullCents: number, category: PriceCategory): number {
  return Math.round((fullCents * PRICE_CATEGORIES[category]) / 50) * 50;
}

// Classic and plausible titles per genre; more are composed when a large catalogue needs them.
const TITLES: Record<GenreId, readonly string[]> = {
  theatre: [
    "Le Misanthrope",
    "Cyrano de Bergerac",
    "La Cerisaie",
    "Le Jeu de l'amour et du hasard",
    "Phèdre",
    "Les Fourberies de Scapin",
    "Britannicus",
    "La Mouette",
    "Le Dindon",
    "Un fil à la patte",
    "Antigone",
    "Les Trois Sœurs",
    "Dom Juan",
    "Bérénice",
    "L'Avare",
    "Tartuffe",
    "Ruy Blas",
    "On ne badine pas avec l'amour",
    "Lorenzaccio",
    "La Double Inconstance",
  ],
  humour: [
    "Tout va très bien",
    "Rire de tout",
    "Les Nouveaux Râleurs",
    "Seul en scène",
    "Presque sérieux",
    "Mauvaise Foi",
    "Le Grand Déballage",
    "Bêtisier national",
  ],
  danse: [
    "Le Sacre du printemps",
    "Boléro",
    "Giselle",
    "Corps et Lumières",
    "Variations",
    "Pulsations",
    "Le Lac",
    "Traversées",
  ],
  "musique-classique": [
    "Les Quatre Saisons",
    "Symphonie n° 9 « du Nouveau Monde »",
    "Requiem de Mozart",
    "Concerto pour violon de Brahms",
    "Les Planètes",
    "Intégrale des sonates de Beethoven",
    "Le Carnaval des animaux",
    "Shéhérazade",
  ],
  jazz: [
    "Nuit blanche au Hot Club",
    "Standards",
    "Django forever",
    "Blue Note Session",
    "Trio Lumière",
    "Swing des Canuts",
  ],
  "musiques-actuelles": [
    "Tournée des Échos",
    "Électro Plein Air",
    "Chansons d'ici",
    "Nouvelle Scène",
    "Soirée Rock'n'Rhône",
    "Hip-hop Connexion",
  ],
  opera: [
    "Carmen",
    "La Traviata",
    "Don Giovanni",
    "La Flûte enchantée",
    "Les Contes d'Hoffmann",
    "Tosca",
    "Werther",
    "Lakmé",
  ],
  "jeune-public": [
    "Le Petit Prince",
    "Pierre et le Loup",
    "Le Voyage de Nils",
    "Contes du soleil",
    "La Petite Sirène",
    "Boucle d'Or et les Trois Ours",
  ],
  cirque: [
    "Vertiges",
    "Haute Voltige",
    "Les Équilibristes",
    "Cirque en pièces",
    "Trapèze",
    "Fil d'Ariane",
  ],
};

const NOUNS = [
  "Nuit",
  "Rêve",
  "Mémoire",
  "Lumière",
  "Promesse",
  "Odyssée",
  "Silence",
  "Voyage",
  "Fête",
  "Tempête",
  "Île",
  "Saison",
  "Valse",
  "Ombre",
  "Rive",
];
const COMPLEMENTS = [
  "d'été",
  "des origines",
  "sans fin",
  "du Rhône",
  "des anges",
  "d'automne",
  "en éclats",
  "du large",
  "à l'envers",
  "des possibles",
  "de minuit",
  "au loin",
];

/** A title: a known one first, then composed ones, each distinguished by its run's order. */
export function showTitle(random: Random, genre: GenreId, used: Set<string>): string {
  const known = TITLES[genre].filter((t) => !used.has(t));
  let title =
    known.length > 0 && random.chance(0.7)
      ? random.pick(known)
      : `${random.pick(NOUNS)} ${random.pick(COMPLEMENTS)}`;
  for (let n = 2; used.has(title); n++) title = `${title.replace(/ \(\d+\)$/, "")} (${n})`;
  used.add(title);
  return title;
}

const PRODUCER_PATTERNS = [
  (name: string) => `Compagnie ${name}`,
  (name: string) => `${name} Productions`,
  (name: string) => `Théâtre ${name}`,
  (name: string) => `Ensemble ${name}`,
  (name: string) => `Les Productions ${name}`,
  (name: string) => `Collectif ${name}`,
];

export function producerName(random: Random, lastName: string): string {
  return random.pick(PRODUCER_PATTERNS)(lastName);
}
