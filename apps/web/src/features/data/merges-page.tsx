// Identity resolution, for staff: every merge of two spectator records (who into whom, the rule
// that matched, when, by which import or person), newest first, with an undo. Seeing it needs
// spectators.read (names are personal data: the read is audited); undoing needs
// data.imports.manage.
import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { z } from "zod";
import { TENANT_ROLE_PERMISSIONS } from "@rappel/access";
import { withTenant } from "@rappel/db";
import { listSpectatorMerges, type MergeHistoryEntry } from "@rappel/ignition-import";
import { Button, Card, DataTable, EmptyState, PageHeader } from "@rappel/ui";
import { getDb } from "@/server/db";
import { requireTenantPermission } from "@/server/guard";
import { undoMergeAction } from "./merge-actions";
import { Pagination } from "./components/pagination";
import type { SearchParamsProps } from "./lib/page-props";

const PAGE_SIZE = 50;
export const MERGE_NOTICES = ["undone", "already_undone", "survivor_gone", "not_found"] as const;
const ZSearch = z.object({
  page: z.coerce.number().int().min(1).default(1).catch(1),
  notice: z.enum(MERGE_NOTICES).optional().catch(undefined),
});
const RULES = ["same_email", "same_phone", "same_name_postal", "same_reference", "manual"] as const;

export async function MergesPage({ params, searchParams }: SearchParamsProps) {
  const { tenantSlug } = await params;
  const { user, tenant } = await requireTenantPermission(tenantSlug, "spectators.read", `/t/${tenantSlug}/data/merges`);
  const canUndo = TENANT_ROLE_PERMISSIONS[tenant.role].has("data.imports.manage");
  const search = ZSearch.parse(await searchParams);
  const [t, format] = await Promise.all([getTranslations("imports.merges"), getFormatter()]);
  const result = await withTenant(
    getDb(),
    tenant.tenantId,
    (tx) => listSpectatorMerges(tx, tenant.tenantId, { offset: (search.page - 1) * PAGE_SIZE, limit: PAGE_SIZE, actorUserId: user.id }),
    { userId: user.id },
  );
  const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
  const base = `/t/${tenant.slug}/data/merges`;
  const when = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" });
  const ruleLabel = (rule: string) => ((RULES as readonly string[]).includes(rule) ? t(`rules.${rule as (typeof RULES)[number]}`) : rule);
  const person = (p: MergeHistoryEntry["survivor"]) => p.name ?? t("unnamed", { id: p.id.slice(0, 8) });

  return (
    <>
      <PageHeader eyebrow={tenant.name} title={t("title")} description={t("description", { total: format.number(result.total) })} />
      {search.notice ? (
        <p role="status" className="mb-6 rounded-md border border-slate-300 bg-slate-50 px-3 py-2 text-sm font-medium text-slate-900">
          {t(`notices.${search.notice}`)}
        </p>
      ) : null}
      {result.total === 0 ? (
        <EmptyState title={t("emptyTitle")} description={t("emptyBody")} />
      ) : (
        <>
          <Card padding="none">
            <DataTable
              caption={t("caption", { tenant: tenant.name })}
              hideCaption
              density="comfortable"
              rows={result.rows}
              rowKey={(m) => m.id}
              rowHeaderColumn={1}
              columns={[
                { header: t("when"), className: "whitespace-nowrap tabular-nums", cell: (m) => when(m.createdAt) },
                { header: t("survivor"), cell: (m) => person(m.survivor) },
                { header: t("merged"), cell: (m) => person(m.merged) },
                { header: t("rule"), cell: (m) => ruleLabel(m.rule) },
                {
                  header: t("origin"),
                  cell: (m) =>
                    m.importJob ? (
                      <a
                        href={`/t/${tenant.slug}/data/imports/${m.importJob.id}`}
                        className="text-indigo-800 underline underline-offset-2 hover:text-indigo-950 focus-visible:outline-2 focus-visible:outline-indigo-600"
                      >
                        {t("byImport", { file: m.importJob.fileName ?? m.importJob.id.slice(0, 8) })}
                      </a>
                    ) : (
                      t("byPerson", { name: m.mergedBy ?? t("someone") })
                    ),
                },
                { header: t("moved"), className: "whitespace-nowrap", cell: (m) => t("movedCounts", { orders: m.orders, tickets: m.tickets }) },
                {
                  header: t("state"),
                  cell: (m) =>
                    m.undoneAt ? (
                      <span>{t("undoneOn", { date: when(m.undoneAt), name: m.undoneBy ?? t("someone") })}</span>
                    ) : canUndo ? (
                      <form action={undoMergeAction}>
                        <input type="hidden" name="tenantSlug" value={tenant.slug} />
                        <input type="hidden" name="mergeId" value={m.id} />
                        <Button type="submit" variant="secondary" aria-label={t("undoLabel", { survivor: person(m.survivor), merged: person(m.merged) })}>
                          {t("undo")}
                        </Button>
                      </form>
                    ) : (
                      <span>{t("active")}</span>
                    ),
                },
              ]}
            />
          </Card>
          <Pagination page={search.page} pages={pages} href={(p) => `${base}?page=${p}`} label={t("pages")} />
        </>
      )}
    </>
  );
}

export async function mergesMetadata(): Promise<Metadata> {
  const t = await getTranslations("imports.merges");
  return { title: t("title") };
}
