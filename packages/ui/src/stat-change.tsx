// A change indicator: an arrow shape and a signed figure carry the meaning, colour only adds to
// it (WCAG 1.4.1); the accessible text says it in words.
import { cx } from "./cx";

export type StatDirection = "up" | "down" | "flat";
export type StatTone = "good" | "bad" | "neutral";

export interface StatChangeProps {
  direction: StatDirection;
  tone: StatTone;
  /** The visible figure, e.g. "+12 %". */
  text: string;
  /** The full sentence for assistive technology, e.g. "en hausse de 12 % par rapport à la période précédente". */
  description: string;
  /** What it compares with, shown after the figure, e.g. "vs période préc.". */
  caption?: string;
}

const TONES: Record<StatTone, string> = {
  good: "text-emerald-800",
  bad: "text-red-800",
  neutral: "text-slate-700",
};

function Arrow({ direction }: { direction: StatDirection }) {
  const d = direction === "up" ? "M8 3l5 6H9.5v4h-3V9H3z" : direction === "down" ? "M8 13L3 7h3.5V3h3v4H13z" : "M3 6.5h7V4l4 4-4 4V9.5H3z";
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" width="14" height="14" fill="currentColor" className="shrink-0">
      <path d={d} />
    </svg>
  );
}

export function StatChange({ direction, tone, text, description, caption }: StatChangeProps) {
  return (
    <span className={cx("inline-flex flex-wrap items-center gap-x-1 text-sm font-medium", TONES[tone])}>
      <Arrow direction={direction} />
      <span aria-hidden="true">{text}</span>
      {caption ? (
        <span aria-hidden="true" className="font-normal text-slate-600">
          {caption}
        </span>
      ) : null}
      <span className="sr-only">{description}</span>
    </span>
  );
}
