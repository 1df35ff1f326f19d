// A generated French ticketing export, for the memory test and the benchmark: deterministic,
// produced lazily chunk by chunk, so generating it costs no memory either.
import { Readable } from "node:stream";

export const SYNTHETIC_HEADER =
  "N° commande;N° billet;Date de commande;Spectacle;Date de la représentation;Heure;Salle;Tarif;Prix TTC;Canal de vente;E-mail acheteur;Prénom;Nom;CP;Ville;Statut\n";

const SHOWS = ["Le Misanthrope", "Cœur à cœur", "Les Fourberies de Scapin", "Carmen", "Le Lac des cygnes"];
const CHANNELS = ["Guichet", "Internet", "Téléphone", "Fnac", "CE"];
const PRICES = ["25,00 €", "18,50 €", "1 234,50 €", "0,00 €", "12,5"];

export function syntheticRow(i: number): string {
  const day = String((i % 28) + 1).padStart(2, "0");
  const month = String((i % 12) + 1).padStart(2, "0");
  const show = SHOWS[i % SHOWS.length]!;
  // Every 1000th row has a quoted multi-line title, as real exports sometimes do.
  const title = i % 1000 === 0 ? `"${show}\nreprise"` : show;
  return `C-${Math.floor(i / 2)};B-${i};${day}/${month}/2025 ${String(i % 24).padStart(2, "0")}:15;${title};${day}/${month}/2025;20h30;Grande salle;Plein tarif;${PRICES[i % PRICES.length]};${CHANNELS[i % CHANNELS.length]};spectateur${i}@example.fr;Zoé;Martin;${String(1000 + (i % 95000)).padStart(5, "0")};Lyon;Payé\n`;
}

/**
 * A byte stream of `rows` data rows after the header, generated on demand; `progress.produced`
 * tells how many rows were generated so far (to prove the reader pulls, not slurps).
 */
export function syntheticExport(rows: number, progress: { produced: number } = { produced: 0 }, rowsPerChunk = 200): Readable {
  return Readable.from(
    (function* () {
      yield Buffer.from(SYNTHETIC_HEADER);
      for (let start = 0; start < rows; start += rowsPerChunk) {
        let chunk = "";
        const end = Math.min(rows, start + rowsPerChunk);
        for (let i = start; i < end; i++) chunk += syntheticRow(i);
        progress.produced = end;
        yield Buffer.from(chunk);
      }
    })(),
    { objectMode: false },
  );
}
