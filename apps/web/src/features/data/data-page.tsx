// The Data area: upload a ticketing export, and the list of the tenant's imports.
import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { FILE_KINDS } from "@rappel/ticketing-import";
import { Card, EmptyState, PageHeader, buttonClasses } from "@rappel/ui";
import { requireTenantPermission } from "@/server/guard";
import { ImportsTable } from "./components/imports-table";
import { Pagination } from "./components/pagination";
import { UploadForm } from "./components/upload-form";
import { formatMegabytes, MAX_IMPORT_FILE_BYTES } from "./lib/limits";
import { listImports } from "./lib/queries";
import { UPLOAD_ERROR_CODES } from "./lib/upload-errors";
import { DATA_PERMISSION, type SearchParamsProps } from "./lib/page-props";

const PAGE_SIZE = 25;

const ZSearch = z.object({
  error: z.enum(UPLOAD_ERROR_CODES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).default(1).catch(1),
});

export async function DataPage({ params, searchParams }: SearchParamsProps) {
  const { tenantSlug } = await params;
  const { user, tenant } = await requireTenantPermission(tenantSlug, DATA_PERMISSION, `/t/${tenantSlug}/data`);
  const search = ZSearch.parse(await searchParams);
  const [t, locale] = await Promise.all([getTranslations("imports"), getLocale()]);
  const list = await listImports(tenant.tenantId, user.id, { offset: (search.page - 1) * PAGE_SIZE, limit: PAGE_SIZE });
  const pages = Math.max(1, Math.ceil(list.total / PAGE_SIZE));
  const base = `/t/${tenant.slug}/data`;

  return (
    <>
      <PageHeader
        eyebrow={tenant.name}
        title={t("title")}
        description={t("description")}
        actions={
          <div className="flex flex-wrap gap-2">
            <a href={`${base}/venues`} className={buttonClasses("secondary")}>
              {t("venues.link")}
            </a>
            <a href={`${base}/shows`} className={buttonClasses("secondary")}>
              {t("shows.link")}
            </a>
            <a href={`${base}/merges`} className={buttonClasses("secondary")}>
              {t("merges.link")}
            </a>
          </div>
        }
      />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,24rem)_minmax(0,1fr)] lg:items-start">
        <Card title={t("upload.title")} id="upload">
          <UploadForm
            action={`/api/v1/ui/${tenant.slug}/imports`}
            maxBytes={MAX_IMPORT_FILE_BYTES}
            maxLabel={formatMegabytes(MAX_IMPORT_FILE_BYTES, locale)}
            kinds={FILE_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
            initialError={search.error ?? null}
          />
        </Card>
        <section aria-labelledby="imports-title" className="min-w-0">
          <h2 id="imports-title" className="mb-3 text-base font-semibold text-slate-900">
            {t("list.title")}
          </h2>
          {list.total === 0 ? (
            <EmptyState title={t("list.emptyTitle")} description={t("list.emptyBody")} />
          ) : (
            <>
              <ImportsTable slug={tenant.slug} caption={t("list.caption", { tenant: tenant.name })} rows={list.rows} />
              <Pagination page={search.page} pages={pages} href={(p) => `${base}?page=${p}`} label={t("list.pages")} />
            </>
          )}
        </section>
      </div>
    </>
  );
}

export async function dataMetadata(): Promise<Metadata> {
  const t = await getTranslations("imports");
  return { title: t("title") };
}
