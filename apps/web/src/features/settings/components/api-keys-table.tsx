// The tenant's API keys: name, visible prefix, scopes, dates, and a link to revoke active ones.
import { getTranslations } from "next-intl/server";
import { Card, DataTable } from "@rappel/ui";

export interface ApiKeyTableRow {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  created: string;
  createdBy: string | null;
  lastUsed: string | null;
  revoked: string | null;
  revokeHref: string | null;
}

export async function ApiKeysTable({ caption, rows }: { caption: string; rows: ApiKeyTableRow[] }) {
  const t = await getTranslations("apiKeys");
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
            header: t("columns.name"),
            cell: (row) => (
              <>
                {row.name}
                <code className="mt-1 block font-mono text-xs font-normal break-all text-slate-700">{row.prefix}</code>
              </>
            ),
          },
          {
            header: t("columns.scopes"),
            cell: (row) => (
              <ul className="flex flex-wrap gap-1">
                {row.scopes.map((s) => (
                  <li key={s} className="rounded bg-slate-100 px-2 py-0.5 font-mono text-xs text-slate-800">{s}</li>
                ))}
              </ul>
            ),
          },
          {
            header: t("columns.created"),
            wide: true,
            cell: (row) => (
              <>
                {row.created}
                {row.createdBy ? <span className="block text-xs text-slate-600">{t("createdBy", { name: row.createdBy })}</span> : null}
              </>
            ),
          },
          { header: t("columns.lastUsed"), cell: (row) => row.lastUsed ?? t("neverUsed") },
          {
            header: t("columns.status"),
            cell: (row) =>
              row.revoked ? (
                <span className="text-slate-700">{t("revokedOn", { date: row.revoked })}</span>
              ) : (
                <span className="flex flex-col items-start gap-1">
                  <span className="font-medium text-emerald-800">{t("active")}</span>
                  {row.revokeHref ? (
                    <a
                      href={row.revokeHref}
                      className="inline-flex min-h-11 items-center font-medium text-red-700 underline underline-offset-2 hover:text-red-800 focus-visible:outline-2 focus-visible:outline-indigo-600"
                    >
                      {t("revoke.link")}
                      <span className="sr-only"> {row.name}</span>
                    </a>
                  ) : null}
                </span>
              ),
          },
        ]}
      />
    </Card>
  );
}
