// One import: its progress while it runs (server-rendered, refreshed every 2 s, or by a meta
// refresh without JavaScript), then its outcome with the rejected rows.
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { z } from "zod";
import { Button, PageHeader, buttonClasses } from "@rappel/ui";
import { requireTenantPermission } from "@/server/guard";
import { cancelImportAction } from "./actions";
import { AutoRefresh } from "./components/auto-refresh";
import { ImportBreadcrumb } from "./components/import-breadcrumb";
import { ProgressPanel } from "./components/progress-panel";
import { StatusBadge } from "./components/status-badge";
import { isFinished } from "./lib/import-status";
import { loadImportOr404 } from "./lib/load-import";
import { DATA_PERMISSION, type ImportPageProps } from "./lib/page-props";

const REFRESH_MS = 2_000;
const ZSearch = z.object({
  notice: z.enum(["cancel_requested", "not_cancellable", "queue_unavailable"]).optional().catch(undefined),
});

export async function ImportPage({ params, searchParams }: ImportPageProps) {
  const { tenantSlug, importId } = await params;
  const { user, tenant } = await requireTenantPermission(tenantSlug, DATA_PERMISSION, `/t/${tenantSlug}/data/imports/${importId}`);
  const view = await loadImportOr404(tenant.tenantId, user.id, importId);
  const base = `/t/${tenant.slug}/data/imports/${view.id}`;
  if (view.status === "uploaded") redirect(`${base}/mapping`);
  const search = ZSearch.parse(await searchParams);
  const [t, format] = await Promise.all([getTranslations("imports"), getFormatter()]);
  const finished = isFinished(view.status);
  const cancellable = (view.status === "queued" || view.status === "running") && !view.cancelRequested;

  return (
    <>
      {finished ? null : (
        <>
          <AutoRefresh intervalMs={REFRESH_MS} />
          <noscript>
            <meta httpEquiv="refresh" content={String(REFRESH_MS / 1000 + 1)} />
          </noscript>
        </>
      )}
      <ImportBreadcrumb slug={tenant.slug} fileName={view.fileName} />
      <PageHeader
        eyebrow={t(`kinds.${view.kind}`)}
        title={view.fileName}
        description={t("progress.description", { date: format.dateTime(view.createdAt, { dateStyle: "long", timeStyle: "short" }) })}
        actions={<StatusBadge status={view.status} />}
      />
      {search.notice ? (
        <p role="status" className="mb-6 rounded-md border border-slate-300 bg-slate-50 px-3 py-2 text-sm font-medium text-slate-900">
          {t(`notices.${search.notice}`)}
        </p>
      ) : null}
      <div className="flex max-w-3xl flex-col gap-6">
        <ProgressPanel view={view} />
        <div className="flex flex-wrap items-center gap-3">
          {cancellable ? (
            <form action={cancelImportAction}>
              <input type="hidden" name="tenantSlug" value={tenant.slug} />
              <input type="hidden" name="importId" value={view.id} />
              <Button type="submit" variant="danger">
                {t("progress.cancel")}
              </Button>
            </form>
          ) : null}
          {finished ? null : (
            <a href={base} className={buttonClasses("secondary")}>
              {t("progress.refresh")}
            </a>
          )}
          {view.rowsRejected > 0 ? (
            <a href={`${base}/rejected`} className={buttonClasses(finished ? "primary" : "secondary")}>
              {t("progress.seeRejected", { count: view.rowsRejected })}
            </a>
          ) : null}
          {view.status === "completed" ? (
            <a href={`/t/${tenant.slug}/ignition`} className={buttonClasses("secondary")}>
              {t("progress.openIgnition")}
            </a>
          ) : null}
        </div>
      </div>
    </>
  );
}

export async function importMetadata(): Promise<Metadata> {
  const t = await getTranslations("imports.progress");
  return { title: t("title") };
}
