import { describe, expect, it } from "vitest";
import { generateDataKey } from "./envelope";
import { nameKey, normaliseEmail, normalisePhone } from "./normalise";
import { SpectatorIdentityCodec } from "./spectator-identity";

describe("normalisation", () => {
  it("normalises e-mails and rejects malformed ones", () => {
    expect(normaliseEmail("  Camille.Martin@Example.FR ")).toBe("camille.martin@example.fr");
    expect(normaliseEmail("not-an-email")).toBeNull();
  });

  it("normalises French phone numbers to E.164", () => {
    expect(normalisePhone("06 12 34 56 78")).toBe("+33612345678");
    expect(normalisePhone("+33 (0)6 12 34 56 78")).toBe("+33612345678");
    expect(normalisePhone("0612")).toBeNull();
  });

  it("builds a name key without case, accents or punctuation", () => {
    expect(nameKey("  Lefèvre-Dupré ")).toBe("lefevre dupre");
  });
});

describe("SpectatorIdentityCodec", () => {
  const codec = new SpectatorIdentityCodec("tenant-a", "key-1", generateDataKey());

  it("seals every identifier and opens it back", () => {
    const sealed = codec.sealIdentity({
      email: "Camille.Martin@example.fr",
      phone: "06 12 34 56 78",
      firstName: " Camille ",
      lastName: "Martin",
      streetAddress: "3 rue de la Paix",
      postalCode: "75002",
    });
    for (const value of Object.values(sealed)) expect(value).toBeInstanceOf(Uint8Array);
    const all = Buffer.concat(Object.values(sealed).map((v) => Buffer.from(v!)));
    expect(all.includes(Buffer.from("Martin"))).toBe(false);
    expect(codec.openIdentity(sealed)).toEqual({
      email: "Camille.Martin@example.fr",
      phone: "06 12 34 56 78",
      firstName: "Camille",
      lastName: "Martin",
      streetAddress: "3 rue de la Paix",
    });
  });

  it("indexes equal identifiers equally, whatever their spelling", () => {
    expect(codec.emailIndex(" CAMILLE.martin@example.fr")).toEqual(codec.emailIndex("camille.martin@example.fr"));
    expect(codec.phoneIndex("+33612345678")).toEqual(codec.phoneIndex("06.12.34.56.78"));
    const a = codec.sealIdentity({ lastName: "Lefèvre", postalCode: "69001" }).namePostalBidx;
    const b = codec.sealIdentity({ lastName: "LEFEVRE", postalCode: "69 001" }).namePostalBidx;
    expect(a).toEqual(b);
  });

  it("gives different tenants different indexes for the same e-mail", () => {
    const other = new SpectatorIdentityCodec("tenant-b", "key-2", generateDataKey());
    expect(other.emailIndex("camille.martin@example.fr")).not.toEqual(codec.emailIndex("camille.martin@example.fr"));
  });

  it("leaves absent fields empty", () => {
    const sealed = codec.sealIdentity({ email: null, phone: "" });
    expect(sealed.emailEnc).toBeNull();
    expect(sealed.phoneEnc).toBeNull();
    expect(sealed.phoneBidx).toBeNull();
  });
});
