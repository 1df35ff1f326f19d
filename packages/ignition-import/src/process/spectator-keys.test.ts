import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { SpectatorIdentityCodec } from "@rappel/personal-data";
import type { ContactInput } from "../normalise/contact";
import type { StoredIssue } from "../import-issues";
import { KeyMaker, TicketBuyers } from "./spectator-keys";

const codec = new SpectatorIdentityCodec(randomUUID(), randomUUID(), randomBytes(32));
const contact = (over: Partial<ContactInput> = {}): ContactInput => ({
  email: "Anne.Martin@GMIAL.com ",
  phone: "06 12 34 56 78",
  firstName: "anne",
  lastName: "MARTIN",
  postalCode: "69001",
  city: "Lyon",
  country: null,
  ...over,
});

describe("TicketBuyers", () => {
  it("prepares a buyer once per distinct contact cells and reports the warnings on every line", () => {
    const buyers = new TicketBuyers(new KeyMaker(codec));
    const first: StoredIssue[] = [];
    const second: StoredIssue[] = [];
    const a = buyers.buyerOf(contact(), first);
    const b = buyers.buyerOf(contact(), second);
    expect(b).toBe(a);
    expect(a!.contact).toMatchObject({ email: "anne.martin@gmial.com", phone: "+33612345678", firstName: "anne", lastName: "MARTIN", communeCode: "69123" });
    expect(a!.keys.email).toBe(Buffer.from(codec.emailIndex("anne.martin@gmial.com")!).toString("hex"));
    expect(first.map((w) => w.code)).toEqual(["email.typo"]);
    expect(second.map((w) => w.code)).toEqual(["email.typo"]);
  });

  it("tells apart cells that differ, including an empty cell from a missing one", () => {
    const buyers = new TicketBuyers(new KeyMaker(codec));
    const a = buyers.buyerOf(contact(), []);
    expect(buyers.buyerOf(contact({ phone: "06 12 34 56 79" }), [])!.contact.phone).toBe("+33612345679");
    expect(buyers.buyerOf(contact({ firstName: "Paul" }), [])).not.toBe(a);
    // A country given as an empty cell is not France by default: no French phone, no commune.
    const noCountry = buyers.buyerOf(contact({ country: "" }), []);
    expect(noCountry).not.toBe(a);
    expect(noCountry!.contact.communeCode).toBeNull();
  });

  it("compares every contact cell with the line before (an order's lines), not only some", () => {
    const buyers = new TicketBuyers(new KeyMaker(codec));
    const changes: Partial<ContactInput>[] = [
      { email: "paul@free.fr" }, { phone: "06 99 99 99 99" }, { firstName: "Paul" }, { lastName: "Durand" },
      { postalCode: "69002" }, { city: "Villeurbanne" }, { country: "BE" },
    ];
    for (const change of changes) {
      const a = buyers.buyerOf(contact(), []);
      expect(buyers.buyerOf(contact(change), []), JSON.stringify(change)).not.toBe(a);
      expect(buyers.buyerOf(contact(), [])).toBe(a);
    }
  });

  it("has no buyer for a line that names no one", () => {
    const buyers = new TicketBuyers(new KeyMaker(codec));
    const empty = { email: null, phone: null, firstName: "Anne", lastName: null, postalCode: null, city: null, country: null };
    expect(buyers.buyerOf(empty, [])).toBeNull();
    expect(buyers.buyerOf(empty, [])).toBeNull();
  });
});
