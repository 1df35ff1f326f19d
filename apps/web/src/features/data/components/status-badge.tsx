// An import's status in words, with a colour that only adds to the words.
import { getTranslations } from "next-intl/server";
import type { ImportStatus } from "@rappel/db";
import { cx } from "@rappel/ui";

const TONES: Record<ImportStatus, string> = {
  uploaded: "bg-amber-50 text-amber-900 ring-amber-300",
  queued: "bg-slate-100 text-slate-800 ring-slate-300",
  running: "bg-indigo-50 text-indigo-900 ring-indigo-300",
  completed: "bg-emerald-50 text-emerald-900 ring-emerald-300",
  failed: "bg-red-50 text-red-900 ring-red-300",
  cancelled: "bg-slate-100 text-slate-700 ring-slate-300",
};

export async function StatusBadge({ status }: { status: ImportStatus }) {
  const t = await getTranslations("imports.status");
  return (
    <span data-status={status} className={cx("inline-flex rounded-full px-2 py-0.5 text-xs font-semibold whitespace-nowrap ring-1", TONES[status])}>
      {t(status)}
    </span>
  );
}
