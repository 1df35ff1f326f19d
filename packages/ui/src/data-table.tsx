// The app's accessible data table: a caption (visible or for screen readers only), column headers
// (`th scope="col"`), one cell of each row as its header (`th scope="row"`, the first by default),
// numbers right-aligned in tabular figures, and horizontal scrolling instead of overflowing a phone.
import type { ReactNode } from "react";
import { cx } from "./cx";

export interface DataTableColumn<T> {
  /** A visually hidden header still needs words: pass `<span className="sr-only">…</span>`. */
  header: ReactNode;
  cell: (row: T) => ReactNode;
  numeric?: boolean;
  /** Hidden on small screens (the table must fit a phone). */
  wide?: boolean;
  /** Extra classes for this column's header and cells (e.g. `whitespace-nowrap`). */
  className?: string;
}

export interface DataTableProps<T> {
  caption: string;
  /** Visually hide the caption when a heading already says it. */
  hideCaption?: boolean;
  columns: DataTableColumn<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  /** An id on a row, for links to it (`#show-…`). */
  rowId?: (row: T) => string;
  footer?: ReactNode;
  testId?: string;
  /** "compact" for figures (dashboards), "comfortable" for lists people act on. */
  density?: "compact" | "comfortable";
  /** Classes for the <table> itself (e.g. a minimum width before it scrolls). */
  tableClassName?: string;
  /** "middle" when rows hold controls (a select and its button) beside one-line text. */
  verticalAlign?: "top" | "middle";
  /** The column whose cell heads each row (`th scope="row"`): the first unless a reference comes before the name. */
  rowHeaderColumn?: number;
}

const PADDING = { compact: "px-2 py-2 sm:px-3", comfortable: "px-4 py-3" } as const;

export function DataTable<T>({ caption, hideCaption, columns, rows, rowKey, rowId, footer, testId, density = "compact", tableClassName, verticalAlign = "top", rowHeaderColumn = 0 }: DataTableProps<T>) {
  const padding = PADDING[density];
  return (
    <div className="overflow-x-auto">
      <table className={cx("w-full text-left text-sm", tableClassName)} data-testid={testId}>
        <caption className={hideCaption ? "sr-only" : "mb-2 text-left text-sm font-semibold text-slate-900"}>{caption}</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-slate-700">
          <tr>
            {columns.map((c, i) => (
              <th key={i} scope="col" className={cx(padding, "font-semibold", c.numeric && "text-right", c.wide && "hidden md:table-cell", c.className)}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={rowKey(row)} id={rowId?.(row)}>
              {columns.map((c, i) => {
                const heads = i === rowHeaderColumn;
                const Cell = heads ? "th" : "td";
                return (
                  <Cell
                    key={i}
                    scope={heads ? "row" : undefined}
                    className={cx(
                      padding,
                      verticalAlign === "middle" ? "align-middle" : "align-top",
                      heads ? "font-medium text-slate-900" : "text-slate-700",
                      c.numeric && "text-right tabular-nums whitespace-nowrap",
                      c.wide && "hidden md:table-cell",
                      c.className,
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
