// A row's contact → blind-index keys (hex) for identity resolution. The keys are the codec's own
// (same normal forms), so an import matches spectators created anywhere else in the product.
import { nameKey, type SpectatorIdentityCodec } from "@rappel/personal-data";
import { BoundedMemo } from "@rappel/ticketing-import";
import type { IdentityKeys } from "../identity/clusters";
import type { SpectatorContact } from "../identity/resolve-spectators";
import type { NormalisedContact } from "../normalise/contact";

type KeyKind = "email" | "phone" | "name-postal";

// Entries per kind: a file's buyers come back all along it (~10 rows each in the benchmark), so
// the memo must hold a large file's distinct people of one kind, or it is cleared and every HMAC
// computed again. ~150 bytes an entry: at most ~90 MB for the three kinds and the name cells.
const MEMO_ENTRIES_PER_KIND = 150_000;

export class KeyMaker {
  private readonly memos: Record<KeyKind, BoundedMemo<string | null>> = {
    email: new BoundedMemo(MEMO_ENTRIES_PER_KIND),
    phone: new BoundedMemo(MEMO_ENTRIES_PER_KIND),
    "name-postal": new BoundedMemo(MEMO_ENTRIES_PER_KIND),
  };
  /** Last name and postal code as given → key: spares the name's folding on a hit. */
  private readonly namePostalCells = new BoundedMemo<string | null>(MEMO_ENTRIES_PER_KIND);
  constructor(private readonly codec: SpectatorIdentityCodec) {}

  private index(kind: KeyKind, normalised: string | null): string | null {
    if (!normalised) return null;
    return this.memos[kind].get(normalised, () => {
      const bytes = this.codec.blindIndex(kind, normalised);
      return bytes ? Buffer.from(bytes).toString("hex") : null;
    });
  }

  private namePostal(lastName: string, postalCode: string): string | null {
    return this.namePostalCells.get(`${lastName}|${postalCode}`, () => this.index("name-postal", `${nameKey(lastName)}|${postalCode}`));
  }

  keys(c: NormalisedContact, ref: string | null = null): IdentityKeys {
    return {
      ref,
      email: this.index("email", c.emailKey),
      phone: this.index("phone", c.phoneKey),
      namePostal: c.lastName && c.postalCode ? this.namePostal(c.lastName, c.postalCode) : null,
    };
  }
}

export function toSpectatorContact(c: NormalisedContact, extra: Partial<SpectatorContact> = {}): SpectatorContact {
  return {
    email: c.email,
    phone: c.phone,
    firstName: c.firstName,
    lastName: c.lastName,
    postalCode: c.postalCode,
    communeCode: c.communeCode,
    country: c.country,
    streetAddress: null,
    birthYear: null,
    language: null,
    ...extra,
  };
}

export const hasIdentity = (k: IdentityKeys) => k.ref !== null || k.email !== null || k.phone !== null || k.namePostal !== null;
