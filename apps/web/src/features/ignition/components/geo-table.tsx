// The table view of a map: every cell the data layer returned, then the merged "other" cells and
// the unknown places, whose figures are hidden when they would describe fewer than 5 people.
import { getLocale, getTranslations } from "next-intl/server";
import type { GeoBucket, GeoCell } from "@rappel/ignition-analytics";
import { formatCount, formatEuros } from "../lib/format";
import { DataTable } from "@rappel/ui";

export interface GeoTableProps<C extends GeoCell> {
  caption: string;
  placeHeader: string;
  place: (cell: C) => string;
  /** A second column (the code, or the commune's département). */
  extra?: { header: string; cell: (cell: C) => string };
  cells: C[];
  other: GeoBucket;
  unknown: GeoBucket;
  testId: string;
}

export async function GeoTable<C extends GeoCell>({ caption, placeHeader, place, extra, cells, other, unknown, testId }: GeoTableProps<C>) {
  const [t, locale] = await Promise.all([getTranslations("ignition"), getLocale()]);
  const buckets = [
    { key: "other", label: t("map.other", { count: other.cells }), bucket: other },
    { key: "unknown", label: t("map.unknown"), bucket: unknown },
  ].filter((b) => b.bucket.cells > 0 || b.bucket.figures);
  const span = extra ? 2 : 1;
  return (
    <DataTable
      caption={caption}
      hideCaption
      rows={cells}
      rowKey={(c) => c.code}
      testId={testId}
      columns={[
        { header: placeHeader, cell: place },
        ...(extra ? [{ header: extra.header, cell: extra.cell, wide: true }] : []),
        { header: t("columns.spectators"), cell: (c: C) => formatCount(c.spectators, locale), numeric: true },
        { header: t("columns.tickets"), cell: (c: C) => formatCount(c.tickets, locale), numeric: true, wide: true },
        { header: t("columns.revenue"), cell: (c: C) => formatEuros(c.revenueCents, locale), numeric: true },
      ]}
      footer={
        buckets.length > 0
          ? buckets.map(({ key, label, bucket }) => (
              <tr key={key}>
                <th scope="row" colSpan={1} className="px-3 py-2 text-left font-medium text-slate-800">
                  {label}
                </th>
                {span === 2 ? <td className="hidden md:table-cell" /> : null}
                {bucket.figures ? (
                  <>
                    <td className="px-3 py-2 text-right tabular-nums">{formatCount(bucket.figures.spectators, locale)}</td>
                    <td className="hidden px-3 py-2 text-right tabular-nums md:table-cell">{formatCount(bucket.figures.tickets, locale)}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{formatEuros(bucket.figures.revenueCents, locale)}</td>
                  </>
                ) : (
                  <td colSpan={3} className="px-3 py-2 text-right text-slate-600 italic">
                    {t("map.hidden")}
                  </td>
                )}
              </tr>
            ))
          : null
      }
    />
  );
}
