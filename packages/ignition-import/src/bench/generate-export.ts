// A realistic French ticketing export for the benchmark, written to a file as it is generated
// (flat memory): ~2.5 tickets per order, repeat buyers, 100k spectators (some with a phone only,
// a few e-mail typos), 2k performances of 80 shows in 4 venues, real postal codes and towns,
// French dates and amounts, refunds and cancellations, and a few broken rows.
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { communesForPostalCode } from "@rappel/geo";

export const EXPORT_HEADER =
  "N° commande;N° billet;Date de commande;Spectacle;Date de la représentation;Heure;Salle;Tarif;Prix TTC;Canal de vente;E-mail acheteur;Téléphone;Prénom;Nom;CP;Ville;Statut";

/** Small deterministic PRNG (mulberry32): the same file for the same seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = ["Anne", "Zoé", "Léa", "Chloé", "Camille", "Inès", "Hélène", "Paul", "Louis", "Hugo", "Théo", "Jérôme", "François", "Noël", "Benoît", "Gaëlle", "Agnès", "Rémi", "Céline", "Maëlle"];
const LAST = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "García", "Bœuf", "Noël", "Mercier", "Faure", "André", "Rousseau", "Blanc", "Guérin", "Muller", "Henry"];
const DOMAINS = ["gmail.com", "orange.fr", "free.fr", "yahoo.fr", "hotmail.fr", "laposte.net", "sfr.fr", "wanadoo.fr", "outlook.fr", "icloud.com"];
const TYPOS = ["gmial.com", "hotmial.fr", "yahooo.fr", "gmail.fr"];
const POSTAL = ["69001", "69002", "69003", "69004", "69005", "69006", "69007", "69008", "69009", "69100", "69300", "69500", "38000", "42000", "01000", "71000", "75011", "75015", "13001", "13200", "33000", "31000", "44000", "59000", "67000", "06000", "34000", "35000", "21000", "63000", "97400", "74000", "73000", "26000", "07000"];
const SHOW_WORDS = ["Le Misanthrope", "Cœur à cœur", "Les Fourberies de Scapin", "Carmen", "Le Lac des cygnes", "Tartuffe", "Cyrano", "La Traviata", "Boléro", "Quatuor", "Les Misérables", "Hamlet", "Le Cid", "Phèdre", "Don Giovanni", "Casse-Noisette"];
const VENUES = ["Grande salle", "Studio", "Salle Molière", "Chapiteau"];
const TARIFS: [string, number][] = [["Plein tarif", 3200], ["Tarif réduit", 2200], ["Abonné", 2600], ["Moins de 26 ans", 1200], ["Invitation", 0], ["Groupe", 1900]];
const CHANNELS = ["Guichet", "Internet", "Internet", "Internet", "Téléphone", "FNAC Spectacles", "CE"];

const pad = (n: number) => String(n).padStart(2, "0");
const frDate = (d: Date) => `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
const euros = (cents: number) => `${Math.floor(cents / 100)},${pad(cents % 100)} €`;

export interface ExportShape {
  rows: number;
  spectators: number;
  performances: number;
  seed?: number;
}

export async function generateExport(path: string, shape: ExportShape): Promise<{ rows: number; bytes: number }> {
  const rand = prng(shape.seed ?? 42);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const cityOf = new Map(POSTAL.map((pc) => [pc, communesForPostalCode(pc)[0]?.name ?? ""]));

  const people = Array.from({ length: shape.spectators }, (_, i) => {
    const first = pick(FIRST);
    const last = pick(LAST);
    const pc = pick(POSTAL);
    const hasEmail = rand() > 0.08;
    const domain = rand() < 0.004 ? pick(TYPOS) : pick(DOMAINS);
    const hasPhone = !hasEmail || rand() < 0.5;
    return {
      email: hasEmail ? `${first}.${last}${i}@${domain}`.normalize("NFD").replace(/\p{M}/gu, "").replace(/œ/g, "oe").toLowerCase() : "",
      phone: hasPhone ? `06 ${pad(Math.floor(i / 1_000_000) % 100)} ${pad(Math.floor(i / 10_000) % 100)} ${pad(Math.floor(i / 100) % 100)} ${pad(i % 100)}` : "",
      first,
      last,
      pc,
      city: cityOf.get(pc) ?? "",
    };
  });
  const season = Date.UTC(2025, 8, 1);
  const performances = Array.from({ length: shape.performances }, (_, i) => {
    const day = new Date(season + Math.floor(rand() * 600) * 86_400_000);
    return { title: SHOW_WORDS[i % SHOW_WORDS.length]! + (i % 80 >= 16 ? ` (${Math.floor((i % 80) / 16) + 1})` : ""), day, time: rand() < 0.8 ? "20h30" : "15h00", venue: VENUES[i % VENUES.length]! };
  });

  const out = createWriteStream(path);
  let bytes = 0;
  const write = async (text: string) => {
    bytes += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, "drain");
  };
  await write(`${EXPORT_HEADER}\n`);
  let row = 0;
  let order = 0;
  let chunk = "";
  while (row < shape.rows) {
    order++;
    // Repeat buyers: a quarter of the people buy half of the orders.
    const person = people[rand() < 0.5 ? Math.floor(rand() * shape.spectators * 0.25) : Math.floor(rand() * shape.spectators)]!;
    const perf = performances[Math.floor(rand() * shape.performances)]!;
    const orderedAt = new Date(perf.day.getTime() - Math.floor(rand() * 90) * 86_400_000 - Math.floor(rand() * 86_400) * 1000);
    const orderedText = `${frDate(orderedAt)} ${pad(orderedAt.getUTCHours())}:${pad(orderedAt.getUTCMinutes())}`;
    const channel = pick(CHANNELS);
    const status = rand() < 0.03 ? "Remboursé" : rand() < 0.02 ? "Annulé" : "Payé";
    const tickets = Math.min(shape.rows - row, 1 + Math.floor(rand() * 4));
    for (let t = 0; t < tickets; t++) {
      row++;
      const [tarif, price] = pick(TARIFS);
      // One row in 500 has an impossible date: refused and kept, as in real exports.
      const dateCell = row % 500 === 0 ? "31/02/2025" : orderedText;
      chunk += `C-${order};B-${row};${dateCell};${perf.title};${frDate(perf.day)};${perf.time};${perf.venue};${tarif};${euros(price)};${channel};${person.email};${person.phone};${person.first};${person.last};${person.pc};${person.city};${status}\n`;
    }
    if (chunk.length > 1 << 20) {
      await write(chunk);
      chunk = "";
    }
  }
  await write(chunk);
  out.end();
  await once(out, "finish");
  return { rows: row, bytes };
}
