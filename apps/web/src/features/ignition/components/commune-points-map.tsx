// Audience by commune as circles around the venue, drawn on the server as SVG: each circle sits
// at a commune's centroid (never an address) and covers at least 5 spectators (the data layer
// merges smaller cells). Département outlines give the context.
import type { CommuneMap } from "../lib/map/commune-map";

/** How many of the largest communes are named on the map. */
const LABELLED = 4;

export interface CommunePointsMapProps {
  id: string;
  title: string;
  description: string;
  map: CommuneMap;
  tooltip: (name: string, value: number) => string;
  venueLabel: string;
  venueTooltip: (name: string) => string;
  formatValue: (value: number) => string;
}

export function CommunePointsMap({ id, title, description, map, tooltip, venueLabel, venueTooltip, formatValue }: CommunePointsMapProps) {
  return (
    <div className="flex flex-col gap-3">
      <svg viewBox={`0 0 ${map.width} ${map.height}`} role="img" aria-labelledby={`${id}-svg-title ${id}-svg-desc`} className="h-auto w-full max-w-3xl" data-testid="commune-map">
        <title id={`${id}-svg-title`}>{title}</title>
        <desc id={`${id}-svg-desc`}>{description}</desc>
        <rect width={map.width} height={map.height} fill="#f8fafc" />
        <g fill="#eef2f7" stroke="#94a3b8" strokeWidth={0.8}>
          {map.background.map((b) => (
            <path key={b.code} d={b.d} />
          ))}
        </g>
        <g fill="#4338ca" fillOpacity={0.55} stroke="#312e81" strokeWidth={1}>
          {map.points.map((p) => (
            <circle key={p.code} cx={p.x.toFixed(1)} cy={p.y.toFixed(1)} r={p.r.toFixed(1)}>
              <title>{tooltip(p.name, p.value)}</title>
            </circle>
          ))}
        </g>
        {/* The largest circles get their commune's name (white halo for legibility). */}
        <g fontSize={12} fontWeight={600} fill="#0f172a" stroke="#ffffff" strokeWidth={3} paintOrder="stroke" aria-hidden="true">
          {map.points.slice(0, LABELLED).map((p) => (
            <text key={p.code} x={(p.x + p.r + 3).toFixed(1)} y={(p.y + 4).toFixed(1)}>
              {p.name}
            </text>
          ))}
        </g>
        {map.venues.map((v) => (
          <g key={v.id}>
            <rect x={v.x - 5} y={v.y - 5} width={10} height={10} fill="#b91c1c" stroke="#ffffff" strokeWidth={1.5} transform={`rotate(45 ${v.x} ${v.y})`}>
              <title>{venueTooltip(v.name)}</title>
            </rect>
          </g>
        ))}
      </svg>
      <ul className="flex flex-wrap items-center gap-x-5 gap-y-2 text-sm text-slate-800">
        <li className="flex items-center gap-2">
          <svg aria-hidden="true" width="14" height="14" viewBox="0 0 14 14">
            <rect x="3" y="3" width="8" height="8" fill="#b91c1c" transform="rotate(45 7 7)" />
          </svg>
          {venueLabel}
        </li>
        {map.legend.map((l) => (
          <li key={l.value} className="flex items-center gap-2">
            <svg aria-hidden="true" width={l.r * 2 + 2} height={l.r * 2 + 2} viewBox={`0 0 ${l.r * 2 + 2} ${l.r * 2 + 2}`}>
              <circle cx={l.r + 1} cy={l.r + 1} r={l.r} fill="#4338ca" fillOpacity={0.55} stroke="#312e81" />
            </svg>
            {formatValue(l.value)}
          </li>
        ))}
      </ul>
    </div>
  );
}
