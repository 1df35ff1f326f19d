// The tenant's API keys: name, visible prefix, scopes, dates, and a link to revoke active ones.
import { getTranslations } from "next-intl/server";
import { Card } from "@rappel/ui";

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
    <Card padding="none" className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-slate-700">
          <tr>
            <th scope="col" className="px-4 py-3 font-semibold">{t("columns.name")}</th>
            <th scope="col" className="px-4 py-3 font-semibold">{t("columns.scopes")}</th>
            <th scope="col" className="hidden px-4 py-3 font-semibold md:table-cell">{t("columns.created")}</th>
            <th scope="col" className="px-4 py-3 font-semibold">{t("columns.lastUsed")}</th>
            <th scope="col" className="px-4 py-3 font-semibold">{t("columns.status")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.id} className={row.revoked ? "text-slate-600" : undefined}>
              <th scope="row" className="px-4 py-3 align-top font-medium text-slate-900">
                {row.name}
                <code className="mt-1 block font-mono text-xs font-normal break-all text-slate-700">{row.prefix}</code>
              </th>
              <td className="px-4 py-3 align-top">
                <ul className="flex flex-wrap gap-1">
                  {row.scopes.map((s) => (
                    <li key={s} className="rounded bg-slate-100 px-2 py-0.5 font-mono text-xs text-slate-800">{s}</li>
                  ))}
                </ul>
              </td>
              <td className="hidden px-4 py-3 align-top text-slate-700 md:table-cell">
                {row.created}
                {row.createdBy ? <span className="block text-xs text-slate-600">{t("createdBy", { name: row.createdBy })}</span> : null}
              </td>
              <td className="px-4 py-3 align-top text-slate-700">{row.lastUsed ?? t("neverUsed")}</td>
              <td className="px-4 py-3 align-top">
                {row.revoked ? (
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
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
