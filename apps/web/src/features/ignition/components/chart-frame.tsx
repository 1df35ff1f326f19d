"use client";
// A chart with its title and a PNG export. The PNG is drawn in the browser from the chart's own
// markup (SVG included) by html-to-image; the export button is left out of the picture.
import { useRef, useState, type ReactNode } from "react";
import { toPng } from "html-to-image";
import { buttonClasses } from "@rappel/ui";

export interface ChartFrameProps {
  id: string;
  title: string;
  /** File name without extension. */
  filename: string;
  pngLabel: string;
  pngText: string;
  failedText: string;
  /** Buttons shown next to the PNG one (e.g. the CSV download). */
  actions?: ReactNode;
  description?: ReactNode;
  children: ReactNode;
}

export function ChartFrame({ id, title, filename, pngLabel, pngText, failedText, actions, description, children }: ChartFrameProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);

  async function exportPng() {
    if (!ref.current) return;
    setBusy(true);
    setFailed(false);
    try {
      const url = await toPng(ref.current, {
        backgroundColor: "#ffffff",
        pixelRatio: 2,
        filter: (node) => !(node instanceof HTMLElement && node.dataset.exportIgnore === "true"),
      });
      const link = document.createElement("a");
      link.href = url;
      link.download = `${filename}.png`;
      link.click();
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby={`${id}-title`} className="relative min-w-0 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
      <div ref={ref} className="bg-white">
        <div className="mb-3 flex flex-wrap items-start justify-between gap-2">
          <h2 id={`${id}-title`} className="text-base font-semibold text-slate-900">
            {title}
          </h2>
          <div data-export-ignore="true" className="flex flex-wrap gap-2">
            {actions}
            <button type="button" onClick={exportPng} aria-label={pngLabel} aria-busy={busy || undefined} className={buttonClasses("secondary", "min-h-9 px-3 py-1")}>
              <DownloadIcon />
              {pngText}
            </button>
          </div>
        </div>
        {description ? <div className="mb-3 text-sm text-slate-700">{description}</div> : null}
        {children}
      </div>
      {failed ? (
        <p role="alert" className="mt-2 text-sm font-medium text-red-700">
          {failedText}
        </p>
      ) : null}
    </section>
  );
}

export function DownloadIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" width="14" height="14" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round">
      <path d="M8 2v8M4.5 6.5L8 10l3.5-3.5M2.5 13.5h11" />
    </svg>
  );
}
