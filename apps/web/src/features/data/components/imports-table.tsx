// The tenant's imports, newest first: file, kind, status, counts, who and when.
import { getFormatter, getTranslations } from "next-intl/server";
import { Card } from "@rappel/ui";
import type { ImportListRow } from "../lib/queries";
import { StatusBadge } from "./status-badge";

export async function ImportsTable({ slug, caption, rows }: { slug: string; caption: string; rows: ImportListRow[] }) {
  const [t, format] = await Promise.all([getTranslations("imports"), getFormatter()]);
  const n = (value: number) => format.number(value);
  return (
    <Card padding="none" className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-slate-700">
          <tr>
            <th scope="col" className="px-4 py-3 font-semibold">{t("list.file")}</th>
            <th scope="col" className="px-4 py-3 font-semibold">{t("list.status")}</th>
            <th scope="col" className="px-4 py-3 text-right font-semibold">{t("list.rows")}</th>
            <th scope="col" className="hidden px-4 py-3 text-right font-semibold sm:table-cell">{t("list.rejected")}</th>
            <th scope="col" className="hidden px-4 py-3 font-semibold md:table-cell">{t("list.by")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.id}>
              <th scope="row" className="px-4 py-3 align-top font-medium">
                <a
                  href={`/t/${slug}/data/imports/${row.id}`}
                  className="break-all text-indigo-800 underline underline-offset-2 hover:text-indigo-950 focus-visible:outline-2 focus-visible:outline-indigo-600"
                >
                  {row.fileName}
                </a>
                <span className="block text-xs font-normal text-slate-700">{t(`kinds.${row.kind}`)}</span>
              </th>
              <td className="px-4 py-3 align-top">
                <StatusBadge status={row.status} />
              </td>
              <td className="px-4 py-3 text-right align-top whitespace-nowrap text-slate-700 tabular-nums">
                {t("list.accepted", { accepted: n(row.rowsAccepted), read: n(row.rowsRead) })}
              </td>
              <td className="hidden px-4 py-3 text-right align-top text-slate-700 tabular-nums sm:table-cell">{n(row.rowsRejected)}</td>
              <td className="hidden px-4 py-3 align-top text-slate-700 md:table-cell">
                {row.source === "api" ? t("list.viaApi") : (row.createdBy ?? "—")}
                <span className="block text-xs text-slate-600">{format.dateTime(row.createdAt, { dateStyle: "medium", timeStyle: "short" })}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
