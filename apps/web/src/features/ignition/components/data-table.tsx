// A simple accessible table (caption, column headers, row headers) for the dashboards' figures:
// the table view of every chart and map. Numbers are right-aligned and tabular.
import type { ReactNode } from "react";
import { cx } from "@rappel/ui";

export interface Column<T> {
  header: string;
  cell: (row: T) => ReactNode;
  numeric?: boolean;
  /** Hidden on small screens (the table must fit a phone). */
  wide?: boolean;
}

export interface DataTableProps<T> {
  caption: string;
  /** Visually hide the caption when a heading already says it. */
  hideCaption?: boolean;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  footer?: ReactNode;
  testId?: string;
}

export function DataTable<T>({ caption, hideCaption, columns, rows, rowKey, footer, testId }: DataTableProps<T>) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid={testId}>
        <caption className={hideCaption ? "sr-only" : "mb-2 text-left text-sm font-semibold text-slate-900"}>{caption}</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-slate-700">
          <tr>
            {columns.map((c, i) => (
              <th key={i} scope="col" className={cx("px-2 py-2 font-semibold sm:px-3", c.numeric && "text-right", c.wide && "hidden md:table-cell")}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((c, i) => {
                const Cell = i === 0 ? "th" : "td";
                return (
                  <Cell
                    key={i}
                    scope={i === 0 ? "row" : undefined}
                    className={cx(
                      "px-2 py-2 align-top sm:px-3",
                      i === 0 ? "font-medium text-slate-900" : "text-slate-700",
                      c.numeric && "text-right tabular-nums whitespace-nowrap",
                      c.wide && "hidden md:table-cell",
                    )}
                  >
                    {c.cell(row)}
                  </Cell>
                );
              })}
            </tr>
          ))}
        </tbody>
        {footer ? <tfoot className="border-t border-slate-200 text-slate-700">{footer}</tfoot> : null}
      </table>
    </div>
  );
}

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
