// /t/[slug]/satisfaction/surveys: the tenant's surveys, their status, version and responses.
import { getTranslations } from "next-intl/server";
import { withTenant } from "@rappel/db";
import { Card, DataTable, PageHeader } from "@rappel/ui";
import { requireTenantPermission } from "@/server/guard";
import { getDb } from "@/server/db";
import { SatisfactionNav } from "./components/satisfaction-nav";
import { listSurveys } from "./lib/queries";
import { createCoreSurveyAction } from "./actions";

export async function SurveysPage({ params }: { params: Promise<{ tenantSlug: string }> }) {
  const { tenantSlug } = await params;
  const ctx = await requireTenantPermission(tenantSlug, "satisfaction.surveys.manage", `/t/${tenantSlug}/satisfaction/surveys`);
  const t = await getTranslations("satisfaction.builder");
  const tr = await getTranslations("satisfaction.results");
  const surveys = await withTenant(getDb(), ctx.tenant.tenantId, (tx) => listSurveys(tx, ctx.tenant.tenantId), { userId: ctx.user.id });
  return (
    <>
      <PageHeader
        eyebrow={ctx.tenant.name}
        title={t("title")}
        actions={
          <form action={createCoreSurveyAction}>
            <input type="hidden" name="tenantSlug" value={tenantSlug} />
            <button className="rounded-md bg-indigo-700 px-4 py-2 font-medium text-white">{tr("createCore")}</button>
          </form>
        }
      />
      <SatisfactionNav tenantSlug={tenantSlug} current="surveys" />
      <Card className="mt-4" padding="none">
        <DataTable
          caption={t("title")}
          hideCaption
          rows={surveys}
          rowKey={(s) => s.id}
          columns={[
            {
              header: t("name"),
              cell: (s) => (
                <a className="text-indigo-800 underline" href={`/t/${tenantSlug}/satisfaction/surveys/${s.id}`}>
                  {s.name}
                </a>
              ),
            },
            { header: t("status"), cell: (s) => t(`status_${s.status}`) },
            { header: t("version", { n: "" }).trim(), className: "tabular-nums", cell: (s) => s.currentVersion },
            { header: tr("responses"), numeric: true, cell: (s) => s.responses },
          ]}
        />
      </Card>
    </>
  );
}
