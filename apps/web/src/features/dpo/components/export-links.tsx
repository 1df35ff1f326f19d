// Download links for one register: CSV, PDF and the CNIL spreadsheet layout.
import { getTranslations } from "next-intl/server";
import { buttonClasses } from "@rappel/ui";

export async function ExportLinks({ base, name }: { base: string; name: string }) {
  const t = await getTranslations("dpo.registers");
  return (
    <nav aria-label={t("exportLabel", { name })} className="flex flex-wrap items-center gap-2">
      <span className="text-sm font-medium text-slate-700">{t("export")} :</span>
      <a href={`${base}/csv`} download className={buttonClasses("secondary")}>{t("exportCsv")}</a>
      <a href={`${base}/pdf`} download className={buttonClasses("secondary")}>{t("exportPdf")}</a>
      <a href={`${base}/xlsx`} download className={buttonClasses("secondary")}>{t("exportXlsx")}</a>
    </nav>
  );
}
