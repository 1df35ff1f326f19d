// The tenant's imports, newest first: file, kind, status, counts, who and when.
import { getFormatter, getTranslations } from "next-intl/server";
import { Card, DataTable } from "@rappel/ui";
import type { ImportListRow } from "../lib/queries";
import { StatusBadge } from "./status-badge";

export async function ImportsTable({ slug, caption, rows }: { slug: string; caption: string; rows: ImportListRow[] }) {
  const [t, format] = await Promise.all([getTranslations("imports"), getFormatter()]);
  const n = (value: number) => format.number(value);
  return (
    <Card padding="none">
      <DataTable
        caption={caption}
        hideCaption
        density="comfortable"
        rows={rows}
        rowKey={(row) => row.id}
        columns={[
          {
            header: t("list.file"),
            cell: (row) => (
              <>
                <a
                  href={`/t/${slug}/data/imports/${row.id}`}
                  className="break-all text-indigo-800 underline underline-offset-2 hover:text-indigo-950 focus-visible:outline-2 focus-visible:outline-indigo-600"
                >
                  {row.fileName}
                </a>
                <span className="block text-xs font-normal text-slate-700">{t(`kinds.${row.kind}`)}</span>
              </>
            ),
          },
          { header: t("list.status"), cell: (row) => <StatusBadge status={row.status} /> },
          { header: t("list.rows"), numeric: true, cell: (row) => t("list.accepted", { accepted: n(row.rowsAccepted), read: n(row.rowsRead) }) },
          { header: t("list.rejected"), numeric: true, wide: true, cell: (row) => n(row.rowsRejected) },
          {
            header: t("list.by"),
            wide: true,
            cell: (row) => (
              <>
                {row.source === "api" ? t("list.viaApi") : (row.createdBy ?? "—")}
                <span className="block text-xs text-slate-600">{format.dateTime(row.createdAt, { dateStyle: "medium", timeStyle: "short" })}</span>
              </>
            ),
          },
        ]}
      />
    </Card>
  );
}
