// Against the platforms' documented examples: Meta's hashing example (test@gmail.com) and phone
// rule (digits with country code, "+1 (616) 954-78 88" → 16169547888); Google Customer Match's
// rules (E.164 phones with "+", dots and "+tags" removed from gmail.com addresses).
import { describe, expect, it } from "vitest";
import {
  buildGoogleAudienceCsv,
  buildMetaAudienceCsv,
  normaliseEmailForGoogle,
  normaliseEmailForMeta,
  normalisePhoneForGoogle,
  normalisePhoneForMeta,
  sha256Hex,
} from "./audiences";

describe("Meta Custom Audiences", () => {
  it("lower-cases and trims e-mails, then hashes as documented", () => {
    expect(normaliseEmailForMeta("  Test@Gmail.com ")).toBe("test@gmail.com");
    expect(sha256Hex(normaliseEmailForMeta("Test@Gmail.com"))).toBe(
      "87924606b4131a8aceeeae8868531fbb9712aaa07a5d3a756b26ce0f5d6ca674",
    );
  });
  it("keeps digits only with the country code", () => {
    expect(normalisePhoneForMeta("+1 (616) 954-78 88")).toBe("16169547888");
    expect(normalisePhoneForMeta("06 12 34 56 78")).toBe("33612345678");
    expect(normalisePhoneForMeta("0033 6 12 34 56 78")).toBe("33612345678");
  });
});

describe("Google Customer Match", () => {
  it("removes dots and +tags from gmail addresses only", () => {
    expect(normaliseEmailForGoogle(" Jane.Doe+news@Gmail.com")).toBe("janedoe@gmail.com");
    expect(normaliseEmailForGoogle("jane.doe+x@example.fr")).toBe("jane.doe+x@example.fr");
  });
  it("formats phones as E.164 with the plus", () => {
    expect(normalisePhoneForGoogle("+1 800 555 0100")).toBe("+18005550100");
    expect(normalisePhoneForGoogle("06 12 34 56 78")).toBe("+33612345678");
    expect(sha256Hex(normalisePhoneForGoogle("06 12 34 56 78")!)).toBe(
      "42d573cfc315801d4cd8eddd5416b416a0bf298b9b9e12d6b07442c91db42bd8",
    );
  });
});

describe("audience files", () => {
  it("contain hashes only, one platform's normalisation each", () => {
    const people = [{ email: "Jane.Doe@gmail.com", phone: "06 12 34 56 78" }, { email: null, phone: null }];
    const meta = buildMetaAudienceCsv(people);
    const google = buildGoogleAudienceCsv(people);
    expect(meta).not.toMatch(/gmail|06 12/);
    expect(meta.trim().split("\n")).toEqual([
      "email,phone",
      `${sha256Hex("jane.doe@gmail.com")},${sha256Hex("33612345678")}`,
    ]);
    expect(google.trim().split("\n")[1]).toBe(`${sha256Hex("janedoe@gmail.com")},${sha256Hex("+33612345678")}`);
  });
});
