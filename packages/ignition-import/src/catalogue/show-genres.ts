// Shows and their genres, for the staff screen that sets a genre by hand (the catalogue importer
// sets them in bulk). A genre is one of the fixed taxonomy's ids, or none.
import type { Tx } from "@rappel/db";
import { z } from "zod";
import { ImportError } from "../errors";
import { GENRE_IDS, type GenreId } from "./genres";

/** A genre id from the taxonomy, or "" for none (as a form sends it). */
export const ZGenreChoice = z.union([z.enum(GENRE_IDS as [GenreId, ...GenreId[]]), z.literal("")]).transform((g) => (g === "" ? null : g));

export interface ShowGenreRow {
  id: string;
  title: string;
  genre: string | null;
  producer: string | null;
  performances: number;
}

/** The tenant's shows by title, with their genre and number of performances (in withTenant). */
export async function listShowGenres(tx: Tx, tenantId: string): Promise<ShowGenreRow[]> {
  const shows = await tx.show.findMany({
    where: { tenantId },
    orderBy: [{ title: "asc" }, { id: "asc" }],
    select: { id: true, title: true, genre: true, producer: true, _count: { select: { performances: true } } },
  });
  return shows.map((s) => ({ id: s.id, title: s.title, genre: s.genre, producer: s.producer, performances: s._count.performances }));
}

/** Sets (or clears) one show's genre (in withTenant); an id of another tenant is "not found". */
export async function setShowGenre(tx: Tx, tenantId: string, showId: string, genre: GenreId | null): Promise<void> {
  const parsedId = z.uuid().safeParse(showId);
  const updated = parsedId.success ? await tx.show.updateMany({ where: { tenantId, id: parsedId.data }, data: { genre } }) : { count: 0 };
  if (updated.count === 0) throw new ImportError(404, "show.not_found", "Spectacle introuvable. / Show not found.");
}
