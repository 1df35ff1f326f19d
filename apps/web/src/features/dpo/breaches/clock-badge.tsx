// A coloured status label for a clock; the colour repeats what the text says.
import type { ReactNode } from "react";

const TONES = {
  good: "bg-green-100 text-green-900 border-green-300",
  warn: "bg-amber-100 text-amber-900 border-amber-300",
  bad: "bg-red-100 text-red-900 border-red-300",
  neutral: "bg-slate-100 text-slate-800 border-slate-300",
} as const;

const STATUS_TONE: Record<string, keyof typeof TONES> = {
  notified: "good", not_required: "neutral", not_applicable: "neutral", running: "neutral", to_notify: "warn",
  due_soon: "warn", overdue: "bad", late: "bad", notified_late: "warn",
};

export function ClockBadge({ status, children }: { status: string; children: ReactNode }) {
  return <span className={`inline-flex rounded border px-2 py-0.5 text-xs font-semibold ${TONES[STATUS_TONE[status] ?? "neutral"]}`}>{children}</span>;
}
