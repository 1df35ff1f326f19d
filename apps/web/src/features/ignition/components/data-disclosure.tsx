// The figures of a chart as a table (DataTable from @rappel/ui) behind a disclosure.
import type { ReactNode } from "react";

/** A table behind a disclosure: the figures of a chart, for keyboard, screen reader and no-JS users. */
export function DataDisclosure({ summary, children }: { summary: string; children: ReactNode }) {
  return (
    <details className="mt-3 rounded-md border border-slate-200">
      <summary className="min-h-11 cursor-pointer px-3 py-2 text-sm font-medium text-indigo-800 focus-visible:outline-2 focus-visible:outline-indigo-600">
        {summary}
      </summary>
      <div className="border-t border-slate-200 p-2">{children}</div>
    </details>
  );
}
