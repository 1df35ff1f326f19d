// What a purge or an erasure did, table by table (action and rows): on a purge run's page and
// on an erasure request's receipt.
import { DataTable } from "@rappel/ui";

export interface TableCount {
  table: string;
  action: string;
  rows: number;
}

export function TableCounts({ caption, rows, labels }: { caption: string; rows: readonly TableCount[]; labels: { table: string; action: string; rows: string } }) {
  return (
    <div className="mb-4 max-w-lg">
      <DataTable
        caption={caption}
        hideCaption
        rows={rows}
        rowKey={(c) => c.table}
        columns={[
          { header: labels.table, className: "font-mono font-normal", cell: (c) => c.table },
          { header: labels.action, cell: (c) => c.action },
          { header: labels.rows, numeric: true, cell: (c) => c.rows },
        ]}
      />
    </div>
  );
}
