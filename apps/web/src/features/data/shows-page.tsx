// Shows and genres (data.imports.manage): the public catalogue CSV sets genres in bulk (titles
// matched without case or accents, nothing guessed); each show's genre can also be set by hand
// from the fixed taxonomy. Genres drive the dashboards' genre filter and breakdown.
import type { Metadata } from "next";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { withTenant } from "@rappel/db";
import { GENRE_IDS, GENRES, listShowGenres } from "@rappel/ignition-import";
import { Button, Card, DataTable, EmptyState, PageHeader } from "@rappel/ui";
import { getDb } from "@/server/db";
import { requireTenantPermission } from "@/server/guard";
import { CatalogueForm } from "./components/catalogue-form";
import { formatMegabytes, MAX_CATALOGUE_BYTES } from "./lib/limits";
import { DATA_PERMISSION, type SearchParamsProps } from "./lib/page-props";
import { setShowGenreAction } from "./show-actions";

const ZSearch = z.object({ notice: z.enum(["genre_saved", "show_not_found"]).optional().catch(undefined) });

export async function ShowsPage({ params, searchParams }: SearchParamsProps) {
  const { tenantSlug } = await params;
  const { user, tenant } = await requireTenantPermission(tenantSlug, DATA_PERMISSION, `/t/${tenantSlug}/data/shows`);
  const search = ZSearch.parse(await searchParams);
  const [t, format, locale] = await Promise.all([getTranslations("imports.shows"), getFormatter(), getLocale()]);
  const language = locale === "en" ? "en" : "fr";
  const shows = await withTenant(getDb(), tenant.tenantId, (tx) => listShowGenres(tx, tenant.tenantId), { userId: user.id });
  const genreOptions = [{ value: "", label: t("noGenre") }, ...GENRE_IDS.map((g) => ({ value: g, label: GENRES[g][language] }))];

  return (
    <>
      <PageHeader eyebrow={tenant.name} title={t("title")} description={t("description")} />
      {search.notice ? (
        <p role="status" className="mb-6 rounded-md border border-slate-300 bg-slate-50 px-3 py-2 text-sm font-medium text-slate-900">
          {t(`notices.${search.notice}`)}
        </p>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-[minmax(0,24rem)_minmax(0,1fr)] lg:items-start">
        <Card title={t("catalogue.title")}>
          <CatalogueForm tenantSlug={tenant.slug} maxLabel={formatMegabytes(MAX_CATALOGUE_BYTES, locale)} />
        </Card>
        <section aria-labelledby="shows-title" className="min-w-0">
          <h2 id="shows-title" className="mb-3 text-base font-semibold text-slate-900">
            {t("list.title", { count: format.number(shows.length) })}
          </h2>
          {shows.length === 0 ? (
            <EmptyState title={t("list.emptyTitle")} description={t("list.emptyBody")} />
          ) : (
            <Card padding="none">
              <DataTable
                caption={t("list.caption", { tenant: tenant.name })}
                hideCaption
                density="comfortable"
                verticalAlign="middle"
                rows={shows}
                rowKey={(show) => show.id}
                rowId={(show) => `show-${show.id}`}
                columns={[
                  {
                    header: t("list.show"),
                    cell: (show) => (
                      <>
                        {show.title}
                        {show.producer ? <span className="block text-xs font-normal text-slate-600">{show.producer}</span> : null}
                      </>
                    ),
                  },
                  { header: t("list.performances"), numeric: true, className: "whitespace-nowrap", cell: (show) => format.number(show.performances) },
                  {
                    header: t("list.genre"),
                    cell: (show) => (
                      <form action={setShowGenreAction} className="flex flex-wrap items-center gap-2">
                        <input type="hidden" name="tenantSlug" value={tenant.slug} />
                        <input type="hidden" name="showId" value={show.id} />
                        <label htmlFor={`genre-${show.id}`} className="sr-only">
                          {t("list.genreOf", { title: show.title })}
                        </label>
                        <select
                          id={`genre-${show.id}`}
                          name="genre"
                          defaultValue={show.genre ?? ""}
                          className="min-h-11 rounded-md border border-slate-400 bg-white px-3 py-2 text-sm text-slate-900 focus:outline-2 focus:outline-offset-1 focus:outline-indigo-600"
                        >
                          {genreOptions.map((o) => (
                            <option key={o.value} value={o.value}>
                              {o.label}
                            </option>
                          ))}
                        </select>
                        <Button type="submit" variant="secondary" aria-label={t("list.saveFor", { title: show.title })}>
                          {t("list.save")}
                        </Button>
                      </form>
                    ),
                  },
                ]}
              />
            </Card>
          )}
        </section>
      </div>
    </>
  );
}

export async function showsMetadata(): Promise<Metadata> {
  const t = await getTranslations("imports.shows");
  return { title: t("title") };
}
