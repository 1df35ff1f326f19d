// What the mapping form gets back from its server action when the mapping is refused.
export type MappingError =
  | { kind: "gap"; text: string }
  | { kind: "duplicate"; text: string; targets: string[] }
  | { kind: "unknown"; text: string }
  | { kind: "service"; text: string };

export type MappingFormState =
  | { status: "idle" }
  | { status: "invalid"; selections: Record<string, string>; presetName: string; errors: MappingError[] };

/** What the show catalogue form gets back from its server action. */
export type CatalogueFormState =
  | { status: "idle" }
  | { status: "error"; code: "no_file" | "too_large" | "unreadable"; message?: string }
  | {
      status: "done";
      result: { rows: number; matched: number; unmatched: number; unknownGenre: number; showsUpdated: number; unmatchedTitles: string[]; unknownGenres: string[] };
    };

export type VenueField = "capacity" | "postalCode" | "city" | "address" | "latitude" | "longitude";
export type VenueErrorCode = "capacity_invalid" | "postal_code_format" | "postal_code_unknown" | "coordinates_pair" | "coordinates_range" | "too_long";

/** What the venue form gets back from its server action. */
export type VenueFormState =
  | { status: "idle" }
  | { status: "invalid"; errors: Partial<Record<VenueField, VenueErrorCode>>; values: Record<string, string> }
  | { status: "saved"; performancesUpdated: number; latitude: number | null; longitude: number | null; communeCode: string | null };
