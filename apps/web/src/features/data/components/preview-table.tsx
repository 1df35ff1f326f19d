// The file's first rows as they will be read, with the field each column feeds (as mapped now)
// and, first so it is seen without scrolling, whether each row would be accepted.
import { getTranslations } from "next-intl/server";
import type { PreviewRowCheck } from "@rappel/ignition-import";
import type { RawRow } from "@rappel/ticketing-import";
import { Card } from "@rappel/ui";

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
      <div className="overflow-x-auto border-t border-slate-200">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{caption}</caption>
          <thead className="border-b border-slate-200 bg-slate-50 text-slate-700">
            <tr>
              <th scope="col" className="px-3 py-2 font-semibold whitespace-nowrap">{t("line")}</th>
              <th scope="col" className="px-3 py-2 font-semibold whitespace-nowrap">{t("check")}</th>
              {headers.map((h) => (
                <th key={h} scope="col" className="px-3 py-2 align-bottom font-semibold whitespace-nowrap">
                  {h}
                  <span className="block text-xs font-normal text-indigo-800">{mappedTo.has(h) ? `→ ${mappedTo.get(h)}` : t("ignored")}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((row) => {
              const check = checkByLine.get(row.line);
              return (
                <tr key={row.line}>
                  <th scope="row" className="px-3 py-2 align-top font-medium text-slate-900 tabular-nums">{row.line}</th>
                  <td className="min-w-[14rem] px-3 py-2 align-top">
                    {check?.ok === false ? (
                      <span className="text-red-800">
                        <span className="font-semibold">{t("refused")}</span> {check.messages.join(" ; ")}
                      </span>
                    ) : (
                      <span className="text-emerald-800">{t("accepted")}</span>
                    )}
                  </td>
                  {headers.map((h) => (
                    <td key={h} className="max-w-[16rem] truncate px-3 py-2 align-top text-slate-800" title={row.raw[h]}>
                      {row.raw[h]}
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
