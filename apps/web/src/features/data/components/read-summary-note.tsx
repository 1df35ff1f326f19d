// How the file was read (format, encoding, delimiter), so a person can tell a wrong guess.
import { getTranslations } from "next-intl/server";
import type { ReadSummary } from "@rappel/ticketing-import";

const DELIMITERS: Record<string, string> = { ";": "semicolon", ",": "comma", "\t": "tab", "|": "pipe" };

export async function ReadSummaryNote({ summary }: { summary: ReadSummary }) {
  const t = await getTranslations("imports.mapping.read");
  const parts: string[] = [];
  if (summary.format === "xlsx") {
    parts.push(t("xlsx", { sheet: summary.xlsx?.sheetName ?? "—" }));
  } else {
    const delimiter = summary.csv?.delimiter ? (DELIMITERS[summary.csv.delimiter] ?? "other") : "other";
    parts.push(t("csv", { delimiter: t(`delimiters.${delimiter}` as "delimiters.comma") }));
    parts.push(t("encoding", { encoding: summary.csv?.encoding ?? "ASCII" }));
  }
  parts.push(t("columns", { count: summary.headers.length }));
  return (
    <p className="rounded-md border border-slate-200 bg-white px-3 py-2 text-sm text-slate-700">
      <span className="font-medium text-slate-900">{t("label")}</span> {parts.join(" · ")}
      {summary.csv && summary.csv.replacementCharacters > 0 ? <span className="block text-amber-900">{t("replacements", { count: summary.csv.replacementCharacters })}</span> : null}
    </p>
  );
}
