// A row's contact → blind-index keys (hex) for identity resolution. The keys are the codec's own
// (same normal forms), so an import matches spectators created anywhere else in the product.
import { nameKey, type SpectatorIdentityCodec } from "@rappel/personal-data";
import { BoundedMemo } from "@rappel/ticketing-import";
import type { IdentityKeys } from "../identity/clusters";
import type { SpectatorContact } from "../identity/resolve-spectators";
import { normaliseContact, type ContactInput, type NormalisedContact } from "../normalise/contact";
import type { StoredIssue } from "../import-issues";
import { reusingPreviousLine } from "./previous-line";

type KeyKind = "email" | "phone" | "name-postal";

/**
 * Not memoised here: its callers prepare each person once (TicketBuyers for a tickets file, whose
 * lines repeat the buyer; a spectators file names each person about once), so a memo of the keys
 * would only hold, a second time, what theirs already does.
 */
export class KeyMaker {
  constructor(private readonly codec: SpectatorIdentityCodec) {}

  private index(kind: KeyKind, normalised: string | null): string | null {
    if (!normalised) return null;
    const bytes = this.codec.blindIndex(kind, normalised);
    return bytes ? Buffer.from(bytes).toString("hex") : null;
  }

  keys(c: NormalisedContact, ref: string | null = null): IdentityKeys {
    return {
      ref,
      email: this.index("email", c.emailKey),
      phone: this.index("phone", c.phoneKey),
      namePostal: c.lastName && c.postalCode ? this.index("name-postal", `${nameKey(c.lastName)}|${c.postalCode}`) : null,
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

/** A buyer as a tickets file's line names them: identity keys and contact to store. */
export interface TicketBuyer {
  keys: IdentityKeys;
  contact: SpectatorContact;
}

/** The cells the memo's key is made of, compared without building the key. */
const sameContactCells = (a: ContactInput, b: ContactInput) =>
  a.email === b.email && a.phone === b.phone && a.firstName === b.firstName && a.lastName === b.lastName &&
  a.postalCode === b.postalCode && a.city === b.city && a.country === b.country;

// Distinct contact cells remembered: a large file's buyers (~500 bytes each), or the memo starts over.
const BUYER_ENTRIES = 150_000;

/**
 * A tickets file names the buyer again on every line of every order they placed (~10 lines per
 * person in the benchmark): the buyer is prepared once per distinct contact cells and the same
 * object shared by all their lines — normalisation and keys once, and one object per person
 * instead of per line kept alive while the batch waits to be written. Each line still gets its
 * own warnings (a typo is reported on every line that has it).
 */
export class TicketBuyers {
  private readonly memo = new BoundedMemo<BuyerEntry>(BUYER_ENTRIES);
  private readonly entryOf = reusingPreviousLine(sameContactCells, (row: ContactInput) => this.lookUp(row));
  constructor(private readonly keyMaker: KeyMaker) {}

  buyerOf(row: ContactInput, warnings: StoredIssue[]): TicketBuyer | null {
    const entry = this.entryOf(row);
    for (const w of entry.warnings) warnings.push(w);
    return entry.buyer;
  }

  private lookUp(row: ContactInput): BuyerEntry {
    const cells = [row.email, row.phone, row.firstName, row.lastName, row.postalCode, row.city, row.country].map((c) => c ?? "\u0001").join("\u0000");
    return this.memo.get(cells, () => {
      const found: StoredIssue[] = [];
      const contact = normaliseContact(row, found);
      const keys = this.keyMaker.keys(contact);
      return { buyer: hasIdentity(keys) ? { keys, contact: toSpectatorContact(contact) } : null, warnings: found };
    });
  }
}

interface BuyerEntry {
  buyer: TicketBuyer | null;
  warnings: readonly StoredIssue[];
}
