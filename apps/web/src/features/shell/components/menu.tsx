"use client";
// A disclosure menu (button + panel): keyboard and screen-reader friendly, closes on Escape,
// on a click outside and when the page changes.
import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { usePathname } from "next/navigation";
import { cx } from "@rappel/ui";

export interface MenuProps {
  /** The button's content. */
  label: ReactNode;
  /** The button's accessible name, when its content is not enough. */
  ariaLabel?: string;
  align?: "start" | "end";
  children: ReactNode;
}

export function Menu({ label, ariaLabel, align = "end", children }: MenuProps) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const pathname = usePathname();

  // Navigating away closes the menu (layouts keep their state across client navigations).
  const [openedAt, setOpenedAt] = useState(pathname);
  if (open && openedAt !== pathname) setOpen(false);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        setOpen(false);
        button.current?.focus();
      }
    };
    const onClick = (e: MouseEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("mousedown", onClick);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("mousedown", onClick);
    };
  }, [open]);

  return (
    <div ref={root} className="relative">
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={ariaLabel}
        onClick={() => {
          setOpenedAt(pathname);
          setOpen((v) => !v);
        }}
        className={cx(
          "flex min-h-11 max-w-[14rem] items-center gap-2 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-900",
          "hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 sm:max-w-xs",
        )}
      >
        {label}
        <span aria-hidden="true" className="text-slate-500">
          ▾
        </span>
      </button>
      <div
        id={panelId}
        hidden={!open}
        className={cx(
          "absolute z-20 mt-2 w-72 max-w-[calc(100vw-2rem)] rounded-lg border border-slate-200 bg-white p-2 shadow-lg",
          align === "end" ? "right-0" : "left-0",
        )}
      >
        {children}
      </div>
    </div>
  );
}
