// The result of a hash-chain verification over version tables: "intact (n versions)" or, when
// the history was changed outside the application, where each chain breaks and why.
import { getTranslations } from "next-intl/server";
import { Card } from "@rappel/ui";
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
        <Card padding="none" className="overflow-x-auto border-red-300">
          <p role="alert" className="border-b border-red-200 bg-red-50 p-3 text-sm font-semibold text-red-900">{t("broken")}</p>
          <table className="w-full min-w-[36rem] text-left text-sm">
            <caption className="sr-only">{t("caption")}</caption>
            <thead className="border-b border-slate-200 bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-4 py-3 font-semibold">{t("what")}</th>
                <th scope="col" className="px-4 py-3 font-semibold">{t("version")}</th>
                <th scope="col" className="px-4 py-3 font-semibold">{t("problem")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 align-top">
              {report.breaks.map((b) => (
                <tr key={`${b.scope}-${b.key}`}>
                  <th scope="row" className="px-4 py-3 font-medium text-slate-900">
                    {b.label}
                    {showScope ? <span className="block text-xs font-normal text-slate-600">{t(`kinds.${b.kind}` as never)}</span> : null}
                  </th>
                  <td className="px-4 py-3 tabular-nums text-slate-700">{b.version}</td>
                  <td className="px-4 py-3 text-red-900">{t(`problems.${b.problem}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
    </section>
  );
}
