// The one module through which spectators' direct identifiers enter and leave the database.
// No clear copy of e-mail, phone, names or street address is ever stored: each is sealed with
// the tenant's data key, and e-mail, phone and name+postal code get a keyed hash (blind index)
// for exact lookups and de-duplication. The blind-index key is derived from the data key, so
// destroying the data key also makes the indexes meaningless.
import { createHmac, hkdfSync } from "node:crypto";
import { toBytes } from "@rappel/db";
import { open, seal } from "./envelope";

type Bytes = Uint8Array<ArrayBuffer>;
import { nameKey, normaliseEmail, normalisePhone, tidyName } from "./normalise";

/** Tenant secrets sealed with the data key: the DKIM private key, the own SMTP relay's password. */
export type TTenantSecretName = "dkim-private-key" | "smtp-relay-password";

export interface SpectatorIdentity {
  email?: string | null;
  phone?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  streetAddress?: string | null;
  postalCode?: string | null;
}

/** The columns of the spectator table that hold identifiers. */
export interface SealedIdentity {
  emailEnc: Bytes | null;
  emailBidx: Bytes | null;
  phoneEnc: Bytes | null;
  phoneBidx: Bytes | null;
  firstNameEnc: Bytes | null;
  lastNameEnc: Bytes | null;
  namePostalBidx: Bytes | null;
  streetAddressEnc: Bytes | null;
}

type SealedField = "email" | "phone" | "firstName" | "lastName" | "streetAddress";

export class SpectatorIdentityCodec {
  private readonly indexKey: Buffer;

  constructor(
    readonly tenantId: string,
    readonly dataKeyId: string,
    private readonly dataKey: Buffer,
  ) {
    this.indexKey = Buffer.from(hkdfSync("sha256", dataKey, Buffer.alloc(0), "rappel:blind-index:v1", 32));
  }

  private aad(field: SealedField): string {
    return `spectator:${this.tenantId}:${field}`;
  }

  private sealField(field: SealedField, value: string | null | undefined): Bytes | null {
    const v = value?.trim();
    return v ? toBytes(seal(this.dataKey, v, this.aad(field))) : null;
  }

  openField(field: SealedField, sealed: Uint8Array | null | undefined): string | null {
    return sealed ? open(this.dataKey, sealed, this.aad(field)).toString("utf8") : null;
  }

  /**
   * A tenant secret that is not about a spectator (e.g. its DKIM private key), sealed with the
   * same data key under its own associated data, so it can never be opened as another field.
   */
  sealTenantSecret(name: TTenantSecretName, value: string): Bytes {
    return toBytes(seal(this.dataKey, value, `tenant:${this.tenantId}:secret:${name}`));
  }

  openTenantSecret(name: TTenantSecretName, sealed: Uint8Array): string {
    return open(this.dataKey, sealed, `tenant:${this.tenantId}:secret:${name}`).toString("utf8");
  }

  /** Keyed hash of a normalised value; null when there is nothing to index. */
  blindIndex(kind: "email" | "phone" | "name-postal", normalised: string | null): Bytes | null {
    if (!normalised) return null;
    return toBytes(createHmac("sha256", this.indexKey).update(`${kind}\u0000${normalised}`).digest());
  }

  emailIndex(raw: string): Bytes | null {
    return this.blindIndex("email", normaliseEmail(raw));
  }

  phoneIndex(raw: string): Bytes | null {
    return this.blindIndex("phone", normalisePhone(raw));
  }

  sealIdentity(identity: SpectatorIdentity): SealedIdentity {
    const lastName = identity.lastName ? tidyName(identity.lastName) : null;
    const postal = identity.postalCode?.replace(/\s/g, "") || null;
    return {
      emailEnc: this.sealField("email", identity.email),
      emailBidx: identity.email ? this.emailIndex(identity.email) : null,
      phoneEnc: this.sealField("phone", identity.phone),
      phoneBidx: identity.phone ? this.phoneIndex(identity.phone) : null,
      firstNameEnc: this.sealField("firstName", identity.firstName ? tidyName(identity.firstName) : null),
      lastNameEnc: this.sealField("lastName", lastName),
      namePostalBidx: lastName && postal ? this.blindIndex("name-postal", `${nameKey(lastName)}|${postal}`) : null,
      streetAddressEnc: this.sealField("streetAddress", identity.streetAddress),
    };
  }

  openIdentity(row: Partial<SealedIdentity>): Omit<SpectatorIdentity, "postalCode"> {
    return {
      email: this.openField("email", row.emailEnc),
      phone: this.openField("phone", row.phoneEnc),
      firstName: this.openField("firstName", row.firstNameEnc),
      lastName: this.openField("lastName", row.lastNameEnc),
      streetAddress: this.openField("streetAddress", row.streetAddressEnc),
    };
  }
}
