"use server";
// Genres of the tenant's shows (data.imports.manage): the public catalogue CSV in bulk, or one
// show by hand. Both are audited (who changed the catalogue's meaning of the dashboards).
import { Readable } from "node:stream";
import { redirect } from "next/navigation";
import { z } from "zod";
import { appendAuditEntry, withTenant } from "@rappel/db";
import { ImportError, importShowCatalogue, setShowGenre, ZGenreChoice } from "@rappel/ignition-import";
import { getDb } from "@/server/db";
import { requireTenantPermission } from "@/server/guard";
import { MAX_CATALOGUE_BYTES } from "./lib/limits";
import type { CatalogueFormState } from "./types";

const ZSlug = z.string().min(1).max(100);

export async function importCatalogueAction(_previous: CatalogueFormState, formData: FormData): Promise<CatalogueFormState> {
  const slug = ZSlug.parse(formData.get("tenantSlug"));
  const { user, tenant } = await requireTenantPermission(slug, "data.imports.manage");
  const file = formData.get("file");
  if (!(file instanceof File) || file.size === 0) return { status: "error", code: "no_file" };
  if (file.size > MAX_CATALOGUE_BYTES) return { status: "error", code: "too_large" };
  // The reader detects the encoding from the bytes: it gets the bytes, not a decoded string.
  const bytes = Buffer.from(await file.arrayBuffer());
  try {
    const result = await withTenant(
      getDb(),
      tenant.tenantId,
      async (tx) => {
        const outcome = await importShowCatalogue(tx, tenant.tenantId, Readable.from([bytes]));
        await appendAuditEntry(tx, tenant.tenantId, {
          actorUserId: user.id,
          actorKind: "staff",
          action: "shows.catalogue.import",
          targetType: "show",
          details: { rows: outcome.rows, showsUpdated: outcome.showsUpdated },
        });
        return outcome;
      },
      { userId: user.id },
    );
    return { status: "done", result };
  } catch (error) {
    if (error instanceof ImportError) return { status: "error", code: "unreadable", message: error.message };
    throw error;
  }
}

const ZGenre = z.object({ tenantSlug: ZSlug, showId: z.uuid(), genre: ZGenreChoice });

export async function setShowGenreAction(formData: FormData): Promise<void> {
  const input = ZGenre.parse({ tenantSlug: formData.get("tenantSlug"), showId: formData.get("showId"), genre: formData.get("genre") ?? "" });
  const { user, tenant } = await requireTenantPermission(input.tenantSlug, "data.imports.manage");
  await withTenant(
    getDb(),
    tenant.tenantId,
    async (tx) => {
      await setShowGenre(tx, tenant.tenantId, input.showId, input.genre);
      await appendAuditEntry(tx, tenant.tenantId, {
        actorUserId: user.id,
        actorKind: "staff",
        action: "shows.genre.set",
        targetType: "show",
        targetId: input.showId,
        details: { genre: input.genre },
      });
    },
    { userId: user.id },
  ).catch((error: unknown) => {
    if (error instanceof ImportError) redirect(`/t/${tenant.slug}/data/shows?notice=show_not_found`);
    throw error;
  });
  redirect(`/t/${tenant.slug}/data/shows?notice=genre_saved#show-${input.showId}`);
}
