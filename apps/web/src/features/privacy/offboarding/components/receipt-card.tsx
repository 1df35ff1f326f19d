// The export's receipt: archive and manifest checksums, and each file's rows and SHA-256.
import type { OffboardingReceipt } from "@rappel/privacy";
import type { getTranslations } from "next-intl/server";
import { buttonClasses, Card, DataTable } from "@rappel/ui";

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
        <div className="mt-2">
          <DataTable
            caption={t("receipt.files")}
            hideCaption
            tableClassName="min-w-[36rem]"
            rows={receipt.files}
            rowKey={(f) => f.name}
            columns={[
              { header: t("receipt.file"), className: "font-mono font-normal", cell: (f) => f.name },
              { header: t("receipt.rows"), numeric: true, cell: (f) => f.rows },
              { header: "SHA-256", className: "font-mono text-xs break-all", cell: (f) => f.sha256 },
            ]}
          />
        </div>
      </details>
    </Card>
  );
}
