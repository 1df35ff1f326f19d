// The result of a hash-chain verification over version tables: "intact (n versions)" or, when
// the history was changed outside the application, where each chain breaks and why.
import { getTranslations } from "next-intl/server";
import { Card, DataTable } from "@rappel/ui";
import type { ChainReport } from "@rappel/dpo-records";

export async function ChainStatus({ report, showScope = false }: { report: ChainReport; showScope?: boolean }) {
  const t = await getTranslations("dpo.chain");
  const intact = report.breaks.length === 0;
  return (
    <section aria-labelledby="chain-title" className="mt-8" data-testid="chain-status">
      <h2 id="chain-title" className="mb-3 text-lg font-semibold text-slate-900">{t("title")}</h2>
      {intact ? (
        <p className="rounded-md border border-green-300 bg-green-50 p-3 text-sm font-medium text-green-900">{t("intact", { count: report.checkedVersions })}</p>
      ) : (
        <Card padding="none" className="border-red-300">
          <p role="alert" className="border-b border-red-200 bg-red-50 p-3 text-sm font-semibold text-red-900">{t("broken")}</p>
          <DataTable
            caption={t("caption")}
            hideCaption
            density="comfortable"
            tableClassName="min-w-[36rem]"
            rows={report.breaks}
            rowKey={(b) => `${b.scope}-${b.key}`}
            columns={[
              {
                header: t("what"),
                cell: (b) => (
                  <>
                    {b.label}
                    {showScope ? <span className="block text-xs font-normal text-slate-600">{t(`kinds.${b.kind}` as never)}</span> : null}
                  </>
                ),
              },
              { header: t("version"), className: "tabular-nums", cell: (b) => b.version },
              { header: t("problem"), cell: (b) => <span className="text-red-900">{t(`problems.${b.problem}`)}</span> },
            ]}
          />
        </Card>
      )}
    </section>
  );
}
