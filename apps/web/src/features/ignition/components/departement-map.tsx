// The choropleth by département, drawn on the server as SVG (works without JavaScript): mainland
// France and Corsica, the overseas départements in insets, a <title> per département for the
// hover tooltip, and an HTML legend. The same figures are in the table next to it.
import type { GeoCell } from "@rappel/ignition-analytics";
import { getFranceMap } from "../lib/map/france-map";
import { NO_DATA_COLOUR, classOf, type ColourClass } from "../lib/map/color-scale";

export interface DepartementMapProps {
  id: string;
  title: string;
  description: string;
  cells: GeoCell[];
  classes: ColourClass[];
  /** "Rhône (69) : 231 spectateurs". */
  tooltip: (code: string, name: string, cell: GeoCell | undefined) => string;
  legendTitle: string;
  noDataLabel: string;
  formatValue: (value: number) => string;
}

export function DepartementMap({ id, title, description, cells, classes, tooltip, legendTitle, noDataLabel, formatValue }: DepartementMapProps) {
  const map = getFranceMap();
  const byCode = new Map(cells.map((c) => [c.code, c]));
  return (
    <div className="flex flex-col gap-3">
      <svg
        viewBox={`0 0 ${map.width} ${map.height}`}
        role="img"
        aria-labelledby={`${id}-svg-title ${id}-svg-desc`}
        className="h-auto w-full max-w-3xl"
        data-testid="departement-map"
      >
        <title id={`${id}-svg-title`}>{title}</title>
        <desc id={`${id}-svg-desc`}>{description}</desc>
        {map.insets.map((frame) => (
          <g key={frame.code}>
            <rect x={frame.x} y={frame.y} width={frame.width} height={frame.height} rx={4} fill="#f8fafc" stroke="#cbd5e1" />
            <text x={frame.x + 6} y={frame.y + 13} fontSize={10} fill="#334155">
              {frame.name}
            </text>
          </g>
        ))}
        <g stroke="#94a3b8" strokeWidth={0.5} strokeLinejoin="round">
          {map.shapes.map((shape) => {
            const cell = byCode.get(shape.code);
            const colour = classOf(cell?.value, classes)?.colour ?? NO_DATA_COLOUR;
            return (
              <path key={shape.code} d={shape.d} fill={colour} data-code={shape.code}>
                <title>{tooltip(shape.code, shape.name, cell)}</title>
              </path>
            );
          })}
        </g>
      </svg>
      <div>
        <p className="mb-1 text-sm font-semibold text-slate-900">{legendTitle}</p>
        <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-800">
          {classes.map((c) => (
            <li key={c.min} className="flex items-center gap-2">
              <span aria-hidden="true" className="inline-block size-4 rounded-sm border border-slate-300" style={{ backgroundColor: c.colour }} />
              {c.min === c.max ? formatValue(c.min) : `${formatValue(c.min)} – ${formatValue(c.max)}`}
            </li>
          ))}
          <li className="flex items-center gap-2">
            <span aria-hidden="true" className="inline-block size-4 rounded-sm border border-slate-300" style={{ backgroundColor: NO_DATA_COLOUR }} />
            {noDataLabel}
          </li>
        </ul>
      </div>
    </div>
  );
}
