// A document's version history: who changed what, when, and why; each version's field-level
// diff folds out under its row.
import { getFormatter, getTranslations } from "next-intl/server";
import { Card, DataTable } from "@rappel/ui";
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
      <Card padding="none">
        <DataTable
          caption={t("caption")}
          hideCaption
          density="comfortable"
          tableClassName="min-w-[40rem]"
          rows={rows}
          rowKey={(row) => String(row.version)}
          columns={[
            { header: t("version"), cell: (row) => `v${row.version}` },
            { header: t("when"), className: "whitespace-nowrap", cell: (row) => format.dateTime(row.createdAt, { dateStyle: "medium", timeStyle: "short" }) },
            { header: t("who"), cell: (row) => row.actorName ?? t("system") },
            { header: t("note"), cell: (row) => row.note ?? t("none") },
            {
              header: t("changes"),
              cell: (row) =>
                row.changes.length === 0 ? (
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
                ),
            },
          ]}
        />
      </Card>
    </section>
  );
}
