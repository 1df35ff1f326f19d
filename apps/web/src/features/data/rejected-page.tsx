// The rows an import refused: line, reasons in the reader's language, and the raw cells (an
// audited read: raw rows may hold personal data), by pages, with the whole list as CSV.
import type { Metadata } from "next";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { withTenant } from "@rappel/db";
import { listRejectedRows } from "@rappel/ignition-import";
import { Card, DataTable, EmptyState, PageHeader, buttonClasses } from "@rappel/ui";
import { getDb } from "@/server/db";
import { requireTenantPermission } from "@/server/guard";
import { ImportBreadcrumb } from "./components/import-breadcrumb";
import { Pagination } from "./components/pagination";
import { loadImportOr404 } from "./lib/load-import";
import { DATA_PERMISSION, type ImportPageProps } from "./lib/page-props";

const PAGE_SIZE = 50;
const ZSearch = z.object({ page: z.coerce.number().int().min(1).default(1).catch(1) });

export async function RejectedPage({ params, searchParams }: ImportPageProps) {
  const { tenantSlug, importId } = await params;
  const { user, tenant } = await requireTenantPermission(tenantSlug, DATA_PERMISSION, `/t/${tenantSlug}/data/imports/${importId}/rejected`);
  const view = await loadImportOr404(tenant.tenantId, user.id, importId);
  const { page } = ZSearch.parse(await searchParams);
  const locale = (await getLocale()) === "en" ? "en" : "fr";
  const [t, format] = await Promise.all([getTranslations("imports.rejected"), getFormatter()]);
  const result = await withTenant(
    getDb(),
    tenant.tenantId,
    (tx) => listRejectedRows(tx, tenant.tenantId, view.id, { offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE, locale, actorUserId: user.id }),
    { userId: user.id },
  );
  const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
  const base = `/t/${tenant.slug}/data/imports/${view.id}`;
  const first = result.total === 0 ? 0 : (page - 1) * PAGE_SIZE + 1;
  const last = Math.min(result.total, page * PAGE_SIZE);

  return (
    <>
      <ImportBreadcrumb slug={tenant.slug} fileName={view.fileName} current={t("step")} currentHref={base} />
      <PageHeader
        eyebrow={view.fileName}
        title={t("title")}
        description={t("description", { total: format.number(result.total) })}
        actions={
          result.total > 0 ? (
            <a href={`${base}/rejected.csv`} className={buttonClasses("secondary")} download>
              {t("download")}
            </a>
          ) : null
        }
      />
      {result.total === 0 ? (
        <EmptyState title={t("emptyTitle")} description={t("emptyBody")} />
      ) : (
        <>
          <p className="mb-3 text-sm text-slate-700">{t("range", { first: format.number(first), last: format.number(last), total: format.number(result.total) })}</p>
          <Card padding="none">
            <DataTable
              caption={t("caption", { file: view.fileName })}
              hideCaption
              density="comfortable"
              rows={result.rows}
              rowKey={(row) => String(row.line)}
              columns={[
                { header: t("line"), className: "whitespace-nowrap tabular-nums", cell: (row) => row.line },
                {
                  header: t("reasons"),
                  cell: (row) => (
                    <ul className="flex flex-col gap-1 text-red-900">
                      {row.reasons.map((reason, i) => (
                        <li key={i}>{reason}</li>
                      ))}
                    </ul>
                  ),
                },
                {
                  header: t("raw"),
                  cell: (row) => (
                    <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-0.5 text-xs">
                      {Object.entries(row.raw).map(([header, value]) => (
                        <div key={header} className="contents">
                          <dt className="text-slate-600">{header}</dt>
                          <dd className="font-mono break-all text-slate-900">{value === "" ? "—" : value}</dd>
                        </div>
                      ))}
                    </dl>
                  ),
                },
              ]}
            />
          </Card>
          <Pagination page={page} pages={pages} href={(p) => `${base}/rejected?page=${p}`} label={t("pages")} />
        </>
      )}
    </>
  );
}

export async function rejectedMetadata(): Promise<Metadata> {
  const t = await getTranslations("imports.rejected");
  return { title: t("title") };
}
