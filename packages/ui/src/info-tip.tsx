"use client";
// A definition shown on hover AND on keyboard focus (WCAG 1.4.13): a real button described by the
// tip, so screen readers read the definition; Escape hides it; a tap toggles it on touch screens.
// Without JavaScript the CSS hover/focus rules still show it. The tip is positioned against the
// nearest positioned ancestor (give the card `relative`), so it never overflows a phone screen.
import { useId, useState, type ReactNode } from "react";
import { cx } from "./cx";

export interface InfoTipProps {
  /** The button's accessible name, e.g. "Définition : Recette". */
  label: string;
  children: ReactNode;
  className?: string;
}

export function InfoTip({ label, children, className }: InfoTipProps) {
  const id = useId();
  const [pinned, setPinned] = useState(false);
  const [dismissed, setDismissed] = useState(false);
  return (
    <span className={cx("group/tip inline-flex", className)} onMouseLeave={() => setDismissed(false)}>
      <button
        type="button"
        aria-label={label}
        aria-describedby={id}
        aria-expanded={pinned}
        onClick={() => {
          setPinned((p) => !p);
          setDismissed(false);
        }}
        onBlur={() => {
          setPinned(false);
          setDismissed(false);
        }}
        onKeyDown={(e) => {
          if (e.key === "Escape") {
            setPinned(false);
            setDismissed(true);
          }
        }}
        className="inline-flex size-6 items-center justify-center rounded-full border border-slate-400 text-xs font-bold text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
      >
        <svg aria-hidden="true" viewBox="0 0 16 16" width="12" height="12" fill="currentColor">
          <circle cx="8" cy="3.5" r="1.5" />
          <rect x="6.75" y="6.5" width="2.5" height="7" rx="1" />
        </svg>
      </button>
      <span
        role="tooltip"
        id={id}
        className={cx(
          "absolute inset-x-2 top-full z-20 mt-1 rounded-md bg-slate-900 px-3 py-2 text-left text-sm font-normal text-white shadow-lg",
          // Hidden with display:none (not visibility) so it takes no room until shown.
          pinned ? "block" : "hidden group-hover/tip:block group-focus-within/tip:block",
          dismissed && "!hidden",
        )}
      >
        {children}
      </span>
    </span>
  );
}
