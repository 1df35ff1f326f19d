// Public show catalogue → genres of the tenant's shows. A catalogue is a CSV of (title, genre
// [, producer]) with French or English headers, in any of the encodings and delimiters exports
// use; titles are matched to the tenant's shows without regard to case, accents or spacing, and
// genre labels to the fixed taxonomy. Nothing is created and nothing is guessed: rows whose
// title or genre is unknown are counted and listed.
import type { Readable } from "node:stream";
import type { Tx } from "@rappel/db";
import { openImportFile, suggestMapping } from "@rappel/ticketing-import";
import { ImportMappingError } from "../errors";
import { foldLabel, genreForLabel, type GenreId } from "./genres";

export interface CatalogueImportResult {
  rows: number;
  /** Rows whose title matched at least one show and whose genre is in the taxonomy. */
  matched: number;
  /** Rows whose title matched no show. */
  unmatched: number;
  /** Rows whose genre label is not in the taxonomy (their shows are left as they were). */
  unknownGenre: number;
  showsUpdated: number;
  /** The first unmatched titles and unknown genre labels, for the person to check. */
  unmatchedTitles: string[];
  unknownGenres: string[];
}

const MAX_LISTED = 100;

export async function importShowCatalogue(tx: Tx, tenantId: string, csvSource: string | Readable): Promise<CatalogueImportResult> {
  const file = await openImportFile(csvSource);
  const columns = suggestMapping("performances", file.headers).mapping.columns as Record<string, string | undefined>;
  const titleColumn = columns.showTitle;
  const genreColumn = columns.genre;
  const producerColumn = columns.producer;
  if (!titleColumn || !genreColumn) {
    await file.close();
    throw new ImportMappingError([`the catalogue needs a title and a genre column (found: ${file.headers.join(", ")})`]);
  }

  const shows = await tx.show.findMany({ where: { tenantId }, select: { id: true, title: true, genre: true, producer: true } });
  const byTitle = new Map<string, typeof shows>();
  for (const show of shows) {
    const key = foldLabel(show.title);
    byTitle.set(key, [...(byTitle.get(key) ?? []), show]);
  }

  const result: CatalogueImportResult = { rows: 0, matched: 0, unmatched: 0, unknownGenre: 0, showsUpdated: 0, unmatchedTitles: [], unknownGenres: [] };
  const updates = new Map<string, { genre: GenreId; producer: string | null }>();
  for await (const { raw } of file) {
    const title = (raw[titleColumn] ?? "").trim();
    if (!title) continue;
    result.rows++;
    const label = raw[genreColumn] ?? "";
    const genre = genreForLabel(label);
    const matches = byTitle.get(foldLabel(title));
    if (!matches) {
      result.unmatched++;
      if (result.unmatchedTitles.length < MAX_LISTED) result.unmatchedTitles.push(title);
      continue;
    }
    if (!genre) {
      result.unknownGenre++;
      if (label.trim() && result.unknownGenres.length < MAX_LISTED && !result.unknownGenres.includes(label.trim())) result.unknownGenres.push(label.trim());
      continue;
    }
    result.matched++;
    const producer = producerColumn ? (raw[producerColumn] ?? "").trim() || null : null;
    for (const show of matches) updates.set(show.id, { genre, producer });
  }

  for (const show of shows) {
    const update = updates.get(show.id);
    if (!update) continue;
    // The catalogue sets the genre; a producer is only filled in, never replaced.
    const producer = show.producer ?? update.producer;
    if (show.genre === update.genre && show.producer === producer) continue;
    await tx.show.update({ where: { tenantId_id: { tenantId, id: show.id } }, data: { genre: update.genre, producer } });
    result.showsUpdated++;
  }
  return result;
}
