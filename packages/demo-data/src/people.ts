// Plausible French contact details. E-mail domains use the reserved `.example` top-level domain
// (RFC 2606): the demo runs campaigns, and a mis-configured SMTP relay must never reach a real
// inbox. Mobile numbers must be valid French mobiles (SMS consent and de-duplication rely on
// it), so they are drawn from the 06/07 ranges libphonenumber accepts: never connect the demo
// to a real SMS aggregator.
import { Faker, base, en, fr } from "@faker-js/faker";
import type { Random } from "./random";

export function createFaker(seed: number): Faker {
  const faker = new Faker({ locale: [fr, en, base] });
  faker.seed(seed);
  return faker;
}

const DOMAINS: readonly (readonly [string, number])[] = [
  ["gmail.example", 0.3],
  ["orange.example", 0.17],
  ["free.example", 0.1],
  ["hotmail.example", 0.1],
  ["laposte.example", 0.06],
  ["sfr.example", 0.06],
  ["yahoo.example", 0.06],
  ["outlook.example", 0.05],
  ["wanadoo.example", 0.05],
  ["icloud.example", 0.05],
];

function asciiLower(value: string): string {
  return value
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "");
}

export function emailFor(
  random: Random,
  firstName: string,
  lastName: string,
  birthYear: number | null,
): string {
  const f = asciiLower(firstName);
  const l = asciiLower(lastName);
  const digits =
    birthYear && random.chance(0.5)
      ? String(birthYear % 100).padStart(2, "0")
      : String(random.int(1, 99));
  const local = random.weighted<string>([
    [`${f}.${l}`, 0.4],
    [`${f[0]}.${l}`, 0.1],
    [`${f}${l}`, 0.1],
    [`${l}.${f}`, 0.06],
    [`${f}_${l}`, 0.06],
    [`${f}.${l}${digits}`, 0.18],
    [`${f}${digits}`, 0.1],
  ]);
  return `${local}@${random.weighted(DOMAINS)}`;
}

/** A valid French mobile number, written the way people type it. */
export function mobileFor(random: Random): string {
  // 06 followed by [0-24-8], or 07 followed by [3-9]: the ranges allocated to mobiles.
  const prefix = random.chance(0.7)
    ? `6${random.pick(["0", "1", "2", "4", "5", "6", "7", "8"])}`
    : `7${random.int(3, 9)}`;
  let rest = "";
  for (let i = 0; i < 7; i++) rest += random.int(0, 9);
  const national = `0${prefix}${rest}`;
  return reformatPhone(random, national);
}

/** The same number in another of the ways it gets typed (for duplicate records). */
export function reformatPhone(random: Random, phone: string): string {
  const digits = phone.replace(/\D/g, "").replace(/^33/, "0");
  const pairs = digits.match(/../g)!.join(" ");
  return random.weighted<string>([
    [pairs, 0.45],
    [digits, 0.35],
    [`+33 ${pairs.slice(1)}`, 0.15],
    [`+33${digits.slice(1)}`, 0.05],
  ]);
}

/** Changes the casing of an e-mail the way a second data entry would. */
export function recaseEmail(random: Random, email: string): string {
  const [local, domain] = email.split("@") as [string, string];
  const capitalised = local.replace(
    /(^|[._])([a-z])/g,
    (_, sep: string, c: string) => sep + c.toUpperCase(),
  );
  return random.chance(0.5)
    ? `${capitalised}@${domain}`
    : `${local.toUpperCase()}@${domain.toUpperCase()}`;
}
