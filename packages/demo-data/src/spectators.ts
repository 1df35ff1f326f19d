// The spectators of one tenant, generated one at a time (memory stays flat at any volume).
// Real data is messy, so is this: households share an address and sometimes an e-mail, some
// people were entered twice with a different casing, some gave no e-mail or phone. Index i's
// id and creation time are computable from i alone, which is how orders pick their buyers.
import type { Faker } from "@faker-js/faker";
import { REFERENCE_DATE } from "./calendar";
import { AudienceSampler, loadHomeCommunes } from "./geo";
import { createFaker, emailFor, mobileFor, recaseEmail, reformatPhone } from "./people";
import { Random, indexedUuid, saltOf } from "./random";
import type { TenantPlan } from "./schedule";

export interface ConsentRecord {
  channel: "email" | "sms" | "survey" | "social_ads";
  status: "granted" | "withdrawn";
  source: string;
  recordedAt: number;
}

export interface SpectatorRecord {
  index: number;
  id: string;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  streetAddress: string | null;
  postalCode: string | null;
  communeCode: string | null;
  country: string;
  birthYear: number | null;
  language: string;
  externalRef: string;
  createdAt: number;
  consents: ConsentRecord[];
}

/** Share of the spectator base created before the first period (the client's older customers). */
const EXISTING_BASE = 0.4;

const FOREIGN: readonly { country: string; postalCodes: string[]; language: string }[] = [
  { country: "BE", postalCodes: ["1000", "1050", "4000", "5000"], language: "fr" },
  { country: "CH", postalCodes: ["1201", "1003", "2000"], language: "fr" },
  { country: "DE", postalCodes: ["10115", "80331", "50667"], language: "en" },
  { country: "GB", postalCodes: ["SW1A 1AA", "M1 1AE", "EH1 1YZ"], language: "en" },
];

/** Maps spectator indexes to ids and creation times, and picks buyers for orders. */
export class SpectatorBase {
  private readonly salt: number;

  constructor(
    readonly plan: TenantPlan,
    seed: number,
  ) {
    this.salt = saltOf(seed, plan.definition.slug, "spectator");
  }

  get count(): number {
    return this.plan.spectators;
  }

  idOf(index: number): string {
    return indexedUuid(this.salt, index);
  }

  /** Creation time of record `index`; increasing with the index. */
  createdAt(index: number): number {
    const { historyStart, windowStart } = this.plan;
    const f = index / this.count;
    if (f < EXISTING_BASE) return historyStart + (f / EXISTING_BASE) * (windowStart - historyStart);
    return (
      windowStart +
      ((f - EXISTING_BASE) / (1 - EXISTING_BASE)) * (REFERENCE_DATE.getTime() - windowStart)
    );
  }

  /** How many records existed at time t. */
  countAt(t: number): number {
    const { historyStart, windowStart } = this.plan;
    const end = REFERENCE_DATE.getTime();
    const f =
      t < windowStart
        ? EXISTING_BASE * Math.max(0, (t - historyStart) / (windowStart - historyStart))
        : EXISTING_BASE +
          (1 - EXISTING_BASE) * Math.min(1, (t - windowStart) / (end - windowStart));
    return Math.max(1, Math.min(this.count, Math.floor(f * this.count)));
  }

  /** A buyer for an order placed at t: a third are newcomers, the rest come back. */
  pickBuyer(t: number, random: Random): number {
    const n = this.countAt(t);
    if (random.chance(0.33)) {
      const recent = Math.max(1, Math.round(this.count * 0.003));
      return Math.max(0, n - 1 - Math.floor(random.float() * recent));
    }
    return Math.floor(random.float() * n);
  }
}

function consentsFor(
  random: Random,
  s: Omit<SpectatorRecord, "consents">,
  kind: "theatre" | "festival",
): ConsentRecord[] {
  const consents: ConsentRecord[] = [];
  const end = REFERENCE_DATE.getTime();
  const at = (): number =>
    s.createdAt + random.float() * Math.min(2 * 86_400_000, end - s.createdAt);
  const checkout = (): string =>
    random.weighted<string>([
      ["ticketing:web-checkout", 0.6],
      ["ticketing:box-office-form", kind === "theatre" ? 0.25 : 0.1],
      ["newsletter:signup-form", 0.15],
    ]);
  if (s.email) {
    const r = random.float();
    if (r < 0.55)
      consents.push({ channel: "email", status: "granted", source: checkout(), recordedAt: at() });
    else if (r < 0.62) {
      // Granted once, withdrawn later through an unsubscribe link.
      const later = s.createdAt + random.float() * (end - s.createdAt);
      consents.push({
        channel: "email",
        status: "withdrawn",
        source: "email:unsubscribe-link",
        recordedAt: later,
      });
    }
    if (random.chance(0.66))
      consents.push({ channel: "survey", status: "granted", source: checkout(), recordedAt: at() });
  }
  if (s.phone) {
    const r = random.float();
    if (r < 0.24)
      consents.push({
        channel: "sms",
        status: "granted",
        source: "ticketing:web-checkout",
        recordedAt: at(),
      });
    else if (r < 0.27) {
      const later = s.createdAt + random.float() * (end - s.createdAt);
      consents.push({ channel: "sms", status: "withdrawn", source: "sms:STOP", recordedAt: later });
    }
  }
  // A separate box at checkout (its own purpose): far fewer accept ad targeting on social networks.
  if ((s.email || s.phone) && random.chance(0.15))
    consents.push({ channel: "social_ads", status: "granted", source: checkout(), recordedAt: at() });
  return consents;
}

export function* generateSpectators(base: SpectatorBase, seed: number): Generator<SpectatorRecord> {
  const { plan } = base;
  const def = plan.definition;
  const random = Random.derive(seed, def.slug, "spectators");
  const faker: Faker = createFaker(Random.derive(seed, def.slug, "faker").int(0, 2 ** 31 - 1));
  const site = def.venues[0]!;
  const sampler = new AudienceSampler(
    loadHomeCommunes(),
    { lat: site.latitude, lon: site.longitude },
    def.audience,
  );
  const refYear = REFERENCE_DATE.getUTCFullYear();
  let previous: SpectatorRecord | undefined;

  for (let index = 0; index < base.count; index++) {
    const common = {
      index,
      id: base.idOf(index),
      externalRef: `${def.code}-CLI-${String(index + 1).padStart(7, "0")}`,
      createdAt:
        base.createdAt(index) +
        random.float() * (base.createdAt(index + 1) - base.createdAt(index)),
    };
    const roll = random.float();
    let person: Omit<SpectatorRecord, "consents">;
    if (previous && roll < 0.02) {
      // The same person entered twice (another ticketing import, a box-office form).
      person = {
        ...previous,
        ...common,
        email: previous.email ? recaseEmail(random, previous.email) : null,
        phone: previous.phone ? reformatPhone(random, previous.phone) : null,
      };
    } else if (previous && previous.country === "FR" && roll < 0.14) {
      // Someone of the same household: same address, often the same name, sometimes the same e-mail.
      const sex = faker.person.sexType();
      const firstName = faker.person.firstName(sex);
      const lastName = random.chance(0.8) ? previous.lastName : faker.person.lastName();
      const birthYear = random.chance(0.45)
        ? refYear - Math.round(Math.min(90, Math.max(16, random.normal(def.age[0], def.age[1]))))
        : null;
      const sharedEmail = previous.email !== null && random.chance(0.35);
      person = {
        ...common,
        firstName,
        lastName,
        email: sharedEmail
          ? previous.email
          : random.chance(0.9)
            ? emailFor(random, firstName, lastName, birthYear)
            : null,
        phone: random.chance(0.55) ? mobileFor(random) : null,
        streetAddress: previous.streetAddress,
        postalCode: previous.postalCode,
        communeCode: previous.communeCode,
        country: "FR",
        birthYear,
        language: "fr",
      };
    } else {
      const sex = faker.person.sexType();
      const firstName = faker.person.firstName(sex);
      const lastName = faker.person.lastName();
      const birthYear = random.chance(0.45)
        ? refYear - Math.round(Math.min(90, Math.max(16, random.normal(def.age[0], def.age[1]))))
        : null;
      const foreign =
        def.foreignShare > 0 && random.chance(def.foreignShare) ? random.pick(FOREIGN) : null;
      const home = foreign ? null : sampler.sample(random);
      const number = random.chance(0.85) ? random.int(1, 120) : random.int(121, 480);
      person = {
        ...common,
        firstName,
        lastName,
        email: random.chance(0.94) ? emailFor(random, firstName, lastName, birthYear) : null,
        phone: random.chance(foreign ? 0.2 : 0.62) ? mobileFor(random) : null,
        streetAddress: random.chance(0.72)
          ? `${number}${random.chance(0.04) ? " bis" : ""} ${faker.location.street()}`
          : null,
        postalCode: foreign ? random.pick(foreign.postalCodes) : home!.postalCode,
        communeCode: home?.commune.code ?? null,
        country: foreign?.country ?? "FR",
        birthYear,
        language: foreign?.language ?? "fr",
      };
    }
    const record: SpectatorRecord = { ...person, consents: consentsFor(random, person, def.kind) };
    previous = record;
    yield record;
  }
}
