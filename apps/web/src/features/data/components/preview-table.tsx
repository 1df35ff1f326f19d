// The file's first rows as they will be read, with the field each column feeds (as mapped now)
// and, first so it is seen without scrolling, whether each row would be accepted.
import { getTranslations } from "next-intl/server";
import type { PreviewRowCheck } from "@rappel/ignition-import";
import type { RawRow } from "@rappel/ticketing-import";
import { Card, DataTable } from "@rappel/ui";

export interface PreviewTableProps {
  headers: readonly string[];
  rows: RawRow[];
  mappedTo: Map<string, string>;
  checks: PreviewRowCheck[];
  caption: string;
}

export async function PreviewTable({ headers, rows, mappedTo, checks, caption }: PreviewTableProps) {
  const t = await getTranslations("imports.mapping.preview");
  const checkByLine = new Map(checks.map((c) => [c.line, c]));
  return (
    <Card padding="none" aria-labelledby="preview-title">
      <h2 id="preview-title" className="px-4 pt-4 pb-3 text-base font-semibold text-slate-900 sm:px-6">
        {t("title")}
      </h2>
      <div className="border-t border-slate-200">
        <DataTable
          caption={caption}
          hideCaption
          rows={rows}
          rowKey={(row) => String(row.line)}
          columns={[
            { header: t("line"), className: "whitespace-nowrap tabular-nums", cell: (row) => row.line },
            {
              header: t("check"),
              className: "min-w-[14rem]",
              cell: (row) => {
                const check = checkByLine.get(row.line);
                return check?.ok === false ? (
                  <span className="text-red-800">
                    <span className="font-semibold">{t("refused")}</span> {check.messages.join(" ; ")}
                  </span>
                ) : (
                  <span className="text-emerald-800">{t("accepted")}</span>
                );
              },
            },
            ...headers.map((h) => ({
              header: (
                <>
                  {h}
                  <span className="block text-xs font-normal text-indigo-800">{mappedTo.has(h) ? `→ ${mappedTo.get(h)}` : t("ignored")}</span>
                </>
              ),
              className: "whitespace-nowrap",
              cell: (row: RawRow) => (
                <span className="block max-w-[16rem] truncate text-slate-800" title={row.raw[h]}>
                  {row.raw[h]}
                </span>
              ),
            })),
          ]}
        />
      </div>
    </Card>
  );
}
