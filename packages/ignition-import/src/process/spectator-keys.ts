// A row's contact → blind-index keys (hex) for identity resolution. The keys are the codec's own
// (same normal forms), so an import matches spectators created anywhere else in the product.
import { nameKey, type SpectatorIdentityCodec } from "@rappel/personal-data";
import type { IdentityKeys } from "../identity/clusters";
import type { SpectatorContact } from "../identity/resolve-spectators";
import type { NormalisedContact } from "../normalise/contact";

export class KeyMaker {
  private memo = new Map<string, string | null>();
  constructor(private readonly codec: SpectatorIdentityCodec) {}

  private index(kind: "email" | "phone" | "name-postal", normalised: string | null): string | null {
    if (!normalised) return null;
    const k = `${kind}\u0000${normalised}`;
    let hex = this.memo.get(k);
    if (hex === undefined) {
      const bytes = this.codec.blindIndex(kind, normalised);
      hex = bytes ? Buffer.from(bytes).toString("hex") : null;
      if (this.memo.size >= 200_000) this.memo.clear();
      this.memo.set(k, hex);
    }
    return hex;
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
