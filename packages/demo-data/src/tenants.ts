// The demo's clients: a theatre in Lyon with two halls and a summer festival in Arles with
// several stages, one of them outdoors in the Roman theatre. Addresses and coordinates are
// real places; the organisations are fictional.
import type { GenreId } from "./catalog";
import type { AudienceSpread } from "./geo";
import type { SalesChannelId } from "./sales-curve";

/** A series of slots on one stage (e.g. "Studio, weekday evenings"); a show's run takes consecutive ones. */
export interface Track {
  /** Start time (Paris) per weekday, 0 = Sunday. */
  times: Partial<Record<number, string[]>>;
  genres: readonly (readonly [GenreId, number])[];
  /** Performances per run [min, max]. */
  run: [number, number];
}

export interface VenueDefinition {
  name: string;
  siteName: string;
  capacity: number;
  address: string;
  postalCode: string;
  city: string;
  communeCode: string;
  latitude: number;
  longitude: number;
  outdoor: boolean;
  /** Multiplies the genre's full price (a 1,800-seat open-air stage charges more than a studio). */
  priceFactor: number;
  blockedSeats: [number, number];
  tracks: Track[];
}

export interface TenantDefinition {
  slug: string;
  name: string;
  kind: "theatre" | "festival";
  /** Share of the requested tickets this tenant carries. */
  share: number;
  /** Short code used in order and ticket references. */
  code: string;
  venues: VenueDefinition[];
  audience: AudienceSpread;
  /** Share of spectators from abroad (no French commune). */
  foreignShare: number;
  channels: readonly (readonly [SalesChannelId, number])[];
  /** Mean and spread of spectators' age, when known. */
  age: [number, number];
}

const LYON = { postalCode: "69008", city: "Lyon", communeCode: "69123" } as const;
const ARLES = { postalCode: "13200", city: "Arles", communeCode: "13004" } as const;

export const DEMO_TENANTS: readonly TenantDefinition[] = [
  {
    slug: "theatre-lumiere",
    name: "Théâtre de la Lumière",
    kind: "theatre",
    share: 0.68,
    code: "LUM",
    audience: { localKm: 8, local: 1, regionalKm: 50, regional: 0.2, national: 0.0015 },
    foreignShare: 0,
    channels: [
      ["web", 0.5],
      ["box_office", 0.24],
      ["phone", 0.1],
      ["reseller", 0.11],
      ["partner", 0.05],
    ],
    age: [52, 16],
    venues: [
      {
        name: "Grande salle",
        siteName: "Théâtre de la Lumière",
        capacity: 812,
        address: "25 rue du Premier-Film",
        ...LYON,
        latitude: 45.74515,
        longitude: 4.87087,
        outdoor: false,
        priceFactor: 1.15,
        blockedSeats: [12, 28],
        tracks: [
          {
            times: {
              2: ["20:00"],
              3: ["20:00"],
              4: ["20:00"],
              5: ["20:00"],
              6: ["15:00", "20:00"],
              0: ["16:00"],
            },
            genres: [
              ["theatre", 0.34],
              ["humour", 0.14],
              ["danse", 0.14],
              ["musique-classique", 0.1],
              ["opera", 0.08],
              ["musiques-actuelles", 0.12],
              ["cirque", 0.08],
            ],
            run: [1, 5],
          },
        ],
      },
      {
        name: "Studio",
        siteName: "Théâtre de la Lumière",
        capacity: 204,
        address: "25 rue du Premier-Film",
        ...LYON,
        latitude: 45.74515,
        longitude: 4.87087,
        outdoor: false,
        priceFactor: 0.8,
        blockedSeats: [4, 10],
        tracks: [
          {
            times: {
              2: ["19:30"],
              3: ["19:30"],
              4: ["19:30"],
              5: ["19:30"],
              6: ["19:30"],
              0: ["15:00"],
            },
            genres: [
              ["theatre", 0.55],
              ["humour", 0.15],
              ["jazz", 0.2],
              ["danse", 0.1],
            ],
            run: [2, 8],
          },
          { times: { 3: ["15:00"], 6: ["11:00"] }, genres: [["jeune-public", 1]], run: [1, 4] },
        ],
      },
    ],
  },
  {
    slug: "festival-nuits-ete",
    name: "Festival des Nuits d'Été",
    kind: "festival",
    share: 0.32,
    code: "NUI",
    audience: { localKm: 12, local: 4, regionalKm: 40, regional: 0.35, national: 0.0012 },
    foreignShare: 0.03,
    channels: [
      ["web", 0.66],
      ["box_office", 0.1],
      ["phone", 0.04],
      ["reseller", 0.15],
      ["partner", 0.05],
    ],
    age: [44, 15],
    venues: [
      {
        name: "Théâtre antique (plein air)",
        siteName: "Théâtre antique d'Arles",
        capacity: 1800,
        address: "Rue de la Calade",
        ...ARLES,
        latitude: 43.67685,
        longitude: 4.63052,
        outdoor: true,
        priceFactor: 1.25,
        blockedSeats: [0, 40],
        tracks: [
          {
            times: {
              0: ["21:45"],
              1: ["21:45"],
              2: ["21:45"],
              3: ["21:45"],
              4: ["21:45"],
              5: ["21:45"],
              6: ["21:45"],
            },
            genres: [
              ["musiques-actuelles", 0.35],
              ["opera", 0.2],
              ["musique-classique", 0.2],
              ["danse", 0.15],
              ["humour", 0.1],
            ],
            run: [1, 2],
          },
        ],
      },
      {
        name: "Scène des Ateliers (plein air)",
        siteName: "Parc des Ateliers",
        capacity: 1200,
        address: "35 avenue Victor-Hugo",
        ...ARLES,
        latitude: 43.67264,
        longitude: 4.62207,
        outdoor: true,
        priceFactor: 1.05,
        blockedSeats: [0, 20],
        tracks: ["19:00", "22:30"].map((time) => ({
          times: Object.fromEntries([0, 1, 2, 3, 4, 5, 6].map((d) => [d, [time]])),
          genres: [
            ["musiques-actuelles", 0.5],
            ["cirque", 0.25],
            ["humour", 0.15],
            ["danse", 0.1],
          ] as const,
          run: [1, 3] as [number, number],
        })),
      },
      {
        name: "Cour du Cloître",
        siteName: "Cloître Saint-Trophime",
        capacity: 350,
        address: "Place de la République",
        ...ARLES,
        latitude: 43.67643,
        longitude: 4.62763,
        outdoor: true,
        priceFactor: 1,
        blockedSeats: [0, 10],
        tracks: [
          {
            time: "18:30",
            genres: [
              ["musique-classique", 0.4],
              ["jazz", 0.4],
              ["theatre", 0.2],
            ] as const,
          },
          {
            time: "21:30",
            genres: [
              ["jazz", 0.5],
              ["theatre", 0.3],
              ["danse", 0.2],
            ] as const,
          },
        ].map(({ time, genres }) => ({
          times: Object.fromEntries([0, 1, 2, 3, 4, 5, 6].map((d) => [d, [time]])),
          genres,
          run: [1, 3] as [number, number],
        })),
      },
      {
        name: "Chapelle du Méjan",
        siteName: "Chapelle du Méjan",
        capacity: 220,
        address: "Place Nina-Berberova",
        ...ARLES,
        latitude: 43.67906,
        longitude: 4.62833,
        outdoor: false,
        priceFactor: 0.85,
        blockedSeats: [2, 8],
        tracks: [
          { time: "11:00", genres: [["jeune-public", 1]] as const },
          {
            time: "15:00",
            genres: [
              ["theatre", 0.6],
              ["jeune-public", 0.4],
            ] as const,
          },
          {
            time: "17:30",
            genres: [
              ["theatre", 0.5],
              ["musique-classique", 0.3],
              ["jazz", 0.2],
            ] as const,
          },
        ].map(({ time, genres }) => ({
          times: Object.fromEntries([0, 1, 2, 3, 4, 5, 6].map((d) => [d, [time]])),
          genres,
          run: [1, 3] as [number, number],
        })),
      },
    ],
  },
];

/** The periods a tenant plays in: theatre seasons (September–June) or festival editions (July). */
export interface Period {
  label: string;
  firstDay: { year: number; month: number; day: number };
  lastDay: { year: number; month: number; day: number };
  /** Sales open (season launch, festival early-bird). */
  salesOpen: { year: number; month: number; day: number };
}

/** The `count` most recent periods, oldest first: at least seasons 2025-26 and 2026-27 (editions 2026 and 2027). */
export function periodsOf(kind: TenantDefinition["kind"], count: number): Period[] {
  const periods: Period[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const year = 2026 - i;
    periods.push(
      kind === "theatre"
        ? {
            label: `${year}-${String((year + 1) % 100).padStart(2, "0")}`,
            firstDay: { year, month: 9, day: 22 },
            lastDay: { year: year + 1, month: 6, day: 13 },
            salesOpen: { year, month: 6, day: 16 },
          }
        : {
            label: String(year + 1),
            firstDay: { year: year + 1, month: 7, day: 3 },
            lastDay: { year: year + 1, month: 7, day: 26 },
            salesOpen: { year, month: 11, day: 5 },
          },
    );
  }
  return periods;
}
