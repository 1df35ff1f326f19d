// The export's receipt: archive and manifest checksums, and each file's rows and SHA-256.
import type { OffboardingReceipt } from "@rappel/privacy";
import type { getTranslations } from "next-intl/server";
import { buttonClasses, Card } from "@rappel/ui";

type T = Awaited<ReturnType<typeof getTranslations<"privacy.offboarding">>>;

export function OffboardingReceiptCard({ receipt, archiveHref, t, when }: { receipt: OffboardingReceipt; archiveHref: string | null; t: T; when: (d: Date | null) => string }) {
  const rows = receipt.files.reduce((n, f) => n + f.rows, 0);
  return (
    <Card id="offboarding-receipt" title={t("receipt.title")} className="mb-6">
      <dl className="mb-4 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
        <dt className="font-semibold">{t("receipt.exportedAt")}</dt>
        <dd>{when(new Date(receipt.exportedAt))}</dd>
        <dt className="font-semibold">{t("receipt.totals")}</dt>
        <dd>{t("receipt.totalsValue", { files: receipt.files.length, rows })}</dd>
        <dt className="font-semibold">{t("receipt.manifest")}</dt>
        <dd className="font-mono break-all">{receipt.manifestSha256}</dd>
        <dt className="font-semibold">{t("receipt.archive")}</dt>
        <dd className="font-mono break-all">{receipt.archiveSha256}</dd>
      </dl>
      {archiveHref ? (
        <a href={archiveHref} className={buttonClasses("secondary", "mb-4")} download>
          {t("receipt.download")}
        </a>
      ) : (
        <p className="mb-4 text-sm text-slate-700">{t("receipt.archiveGone")}</p>
      )}
      <details>
        <summary className="cursor-pointer text-sm font-medium text-indigo-800">{t("receipt.files")}</summary>
        <div className="mt-2 overflow-x-auto">
          <table className="w-full min-w-[36rem] text-left text-sm">
            <caption className="sr-only">{t("receipt.files")}</caption>
            <thead className="border-b border-slate-200 bg-slate-50">
              <tr>
                <th scope="col" className="px-3 py-2">{t("receipt.file")}</th>
                <th scope="col" className="px-3 py-2 text-right">{t("receipt.rows")}</th>
                <th scope="col" className="px-3 py-2">SHA-256</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {receipt.files.map((f) => (
                <tr key={f.name}>
                  <th scope="row" className="px-3 py-1 font-mono font-normal">{f.name}</th>
                  <td className="px-3 py-1 text-right">{f.rows}</td>
                  <td className="px-3 py-1 font-mono text-xs break-all">{f.sha256}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </Card>
  );
}
