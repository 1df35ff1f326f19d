// A document's version history: who changed what, when, and why; each version's field-level
// diff folds out under its row.
import { getFormatter, getTranslations } from "next-intl/server";
import { Card } from "@rappel/ui";
import type { FieldChange } from "@rappel/dpo-records";

export interface HistoryRow {
  version: number;
  createdAt: Date;
  actorName: string | null;
  note: string | null;
  changes: FieldChange[];
}

function show(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "string") return value;
  return JSON.stringify(value, null, 1);
}

export async function HistoryTable({ rows, fieldLabel }: { rows: HistoryRow[]; fieldLabel: (key: string) => string }) {
  const [t, format] = await Promise.all([getTranslations("dpo.history"), getFormatter()]);
  return (
    <section aria-labelledby="history-title" className="mt-8">
      <h2 id="history-title" className="mb-3 text-lg font-semibold text-slate-900">{t("title")}</h2>
      <Card padding="none" className="overflow-x-auto">
        <table className="w-full min-w-[40rem] text-left text-sm">
          <caption className="sr-only">{t("caption")}</caption>
          <thead className="border-b border-slate-200 bg-slate-50 text-slate-700">
            <tr>
              <th scope="col" className="px-4 py-3 font-semibold">{t("version")}</th>
              <th scope="col" className="px-4 py-3 font-semibold">{t("when")}</th>
              <th scope="col" className="px-4 py-3 font-semibold">{t("who")}</th>
              <th scope="col" className="px-4 py-3 font-semibold">{t("note")}</th>
              <th scope="col" className="px-4 py-3 font-semibold">{t("changes")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 align-top">
            {rows.map((row) => (
              <tr key={row.version}>
                <th scope="row" className="px-4 py-3 font-medium text-slate-900">v{row.version}</th>
                <td className="px-4 py-3 whitespace-nowrap text-slate-700">{format.dateTime(row.createdAt, { dateStyle: "medium", timeStyle: "short" })}</td>
                <td className="px-4 py-3 text-slate-700">{row.actorName ?? t("system")}</td>
                <td className="px-4 py-3 text-slate-700">{row.note ?? t("none")}</td>
                <td className="px-4 py-3 text-slate-700">
                  {row.changes.length === 0 ? (
                    t("none")
                  ) : (
                    <details>
                      <summary className="cursor-pointer text-indigo-800">{row.changes.map((c) => fieldLabel(c.field)).join(", ")}</summary>
                      <dl className="mt-2 flex flex-col gap-2">
                        {row.changes.map((c) => (
                          <div key={c.field} className="rounded border border-slate-200 p-2">
                            <dt className="font-semibold text-slate-900">{fieldLabel(c.field)}</dt>
                            <dd className="whitespace-pre-wrap text-red-800"><span className="sr-only">{t("before")} : </span>− {show(c.before)}</dd>
                            <dd className="whitespace-pre-wrap text-green-800"><span className="sr-only">{t("after")} : </span>+ {show(c.after)}</dd>
                          </div>
                        ))}
                      </dl>
                    </details>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </section>
  );
}
