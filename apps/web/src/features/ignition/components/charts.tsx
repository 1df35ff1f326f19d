"use client";
// The recharts charts, fed with figures computed on the server (client components only draw).
// Animations are off: the chart is complete as soon as it shows, for screenshots and PNG export.
import {
  Bar,
  BarChart,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

const AXIS = { fontSize: 12, fill: "#334155" };

function numbers(locale: string) {
  const count = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const euros = new Intl.NumberFormat(locale, {
    style: "currency",
    currency: "EUR",
    maximumFractionDigits: 0,
  });
  const compactEuros = new Intl.NumberFormat(locale, {
    style: "currency",
    currency: "EUR",
    notation: "compact",
    maximumFractionDigits: 1,
  });
  return {
    count: (v: number) => count.format(v),
    euros: (v: number) => euros.format(v),
    compactEuros: (v: number) => compactEuros.format(v),
  };
}

export interface SalesChartPoint {
  label: string;
  tickets: number;
  revenueEuros: number;
}

export function SalesChart({
  points,
  locale,
  ticketsLabel,
  revenueLabel,
}: {
  points: SalesChartPoint[];
  locale: string;
  ticketsLabel: string;
  revenueLabel: string;
}) {
  const f = numbers(locale);
  return (
    <div className="h-72 w-full" data-testid="sales-chart">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={points} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="label" tick={AXIS} minTickGap={24} />
          <YAxis yAxisId="tickets" tick={AXIS} tickFormatter={f.count} allowDecimals={false} width={48} />
          <YAxis
            yAxisId="revenue"
            orientation="right"
            tick={AXIS}
            tickFormatter={f.compactEuros}
            width={64}
          />
          <Tooltip
            formatter={(value, name) =>
              name === revenueLabel ? f.euros(Number(value)) : f.count(Number(value))
            }
          />
          <Legend />
          <Bar
            yAxisId="tickets"
            dataKey="tickets"
            name={ticketsLabel}
            fill="#4338ca"
            isAnimationActive={false}
          />
          <Line
            yAxisId="revenue"
            dataKey="revenueEuros"
            name={revenueLabel}
            stroke="#b45309"
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}

export interface CurveLine {
  key: string;
  name: string;
  values: (number | null)[];
}

const COMPARISON_STYLES = [
  { stroke: "#b45309", dash: "6 3" },
  { stroke: "#047857", dash: "2 3" },
  { stroke: "#be185d", dash: "10 3 2 3" },
  { stroke: "#0e7490", dash: "1 4" },
];

export interface CurveChartProps {
  offsets: number[];
  target: CurveLine;
  comparisons: CurveLine[];
  capacity: number;
  capacityLabel: string;
  targetTickets: number | null;
  targetLabel: string;
  xLabel: string;
  yLabel: string;
  dayLabel: string;
  locale: string;
}

export function CurveChart(props: CurveChartProps) {
  const f = numbers(props.locale);
  const data = props.offsets.map((offset, i) => {
    const row: Record<string, number | null> = {
      offset,
      [props.target.key]: props.target.values[i] ?? null,
    };
    for (const c of props.comparisons) row[c.key] = c.values[i] ?? null;
    return row;
  });
  const day = (v: number) =>
    v === 0 ? props.dayLabel : `${props.dayLabel}${v < 0 ? "\u2212" : "+"}${Math.abs(v)}`;
  // The legend is HTML above the chart: it wraps on narrow screens instead of covering the lines.
  const legend = [
    { name: props.target.name, stroke: "#3730a3", dash: undefined, width: 3 },
    ...props.comparisons.map((c, i) => ({
      name: c.name,
      ...COMPARISON_STYLES[i % COMPARISON_STYLES.length]!,
      width: 2,
    })),
    { name: props.capacityLabel, stroke: "#b91c1c", dash: undefined, width: 2 },
    ...(props.targetTickets !== null
      ? [{ name: props.targetLabel, stroke: "#15803d", dash: "4 4", width: 1.5 }]
      : []),
  ];
  return (
    <div data-testid="curve-chart">
      <ul className="mb-2 flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-800">
        {legend.map((l) => (
          <li key={l.name} className="flex items-center gap-2">
            <svg aria-hidden="true" width="28" height="10" viewBox="0 0 28 10" className="shrink-0">
              <line
                x1="0"
                y1="5"
                x2="28"
                y2="5"
                stroke={l.stroke}
                strokeWidth={l.width}
                strokeDasharray={l.dash}
              />
            </svg>
            {l.name}
          </li>
        ))}
      </ul>
      <div className="h-80 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} margin={{ top: 16, right: 16, bottom: 24, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
            <XAxis
              dataKey="offset"
              type="number"
              domain={[props.offsets[0] ?? -120, 0]}
              tick={AXIS}
              tickFormatter={day}
              label={{
                value: props.xLabel,
                position: "insideBottom",
                offset: -12,
                fill: "#334155",
                fontSize: 12,
              }}
            />
            <YAxis
              tick={AXIS}
              tickFormatter={f.count}
              domain={[0, "auto"]}
              allowDecimals={false}
              width={60}
              label={{
                value: props.yLabel,
                angle: -90,
                position: "insideLeft",
                offset: 4,
                fill: "#334155",
                fontSize: 12,
                style: { textAnchor: "middle" },
              }}
            />
            <Tooltip labelFormatter={(v) => day(Number(v))} formatter={(v) => f.count(Number(v))} />
            <ReferenceLine
              y={props.capacity}
              ifOverflow="extendDomain"
              stroke="#b91c1c"
              strokeWidth={2}
              label={{
                value: props.capacityLabel,
                position: "insideTopRight",
                fill: "#b91c1c",
                fontSize: 12,
              }}
            />
            {props.targetTickets !== null ? (
              <ReferenceLine
                y={props.targetTickets}
                ifOverflow="extendDomain"
                stroke="#15803d"
                strokeDasharray="4 4"
                label={{
                  value: props.targetLabel,
                  position: "insideBottomLeft",
                  fill: "#15803d",
                  fontSize: 12,
                }}
              />
            ) : null}
            {props.comparisons.map((c, i) => {
              const style = COMPARISON_STYLES[i % COMPARISON_STYLES.length]!;
              return (
                <Line
                  key={c.key}
                  dataKey={c.key}
                  name={c.name}
                  stroke={style.stroke}
                  strokeDasharray={style.dash}
                  strokeWidth={2}
                  dot={false}
                  connectNulls={false}
                  isAnimationActive={false}
                />
              );
            })}
            <Line
              dataKey={props.target.key}
              name={props.target.name}
              stroke="#3730a3"
              strokeWidth={3}
              dot={false}
              connectNulls={false}
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </div>
  );
}

export interface BarPoint {
  label: string;
  value: number;
}

export function RevenueBars({
  points,
  locale,
  valueLabel,
}: {
  points: BarPoint[];
  locale: string;
  valueLabel: string;
}) {
  const f = numbers(locale);
  const height = Math.max(160, points.length * 32 + 40);
  return (
    <div className="w-full" style={{ height }} data-testid="breakdown-chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart
          data={points}
          layout="vertical"
          margin={{ top: 4, right: 16, bottom: 4, left: 4 }}
        >
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" horizontal={false} />
          <XAxis type="number" tick={AXIS} tickFormatter={f.compactEuros} />
          <YAxis
            type="category"
            dataKey="label"
            tick={AXIS}
            width={150}
            tickFormatter={(v: string) => (v.length > 22 ? `${v.slice(0, 21)}…` : v)}
          />
          <Tooltip formatter={(v) => f.euros(Number(v))} />
          <Bar dataKey="value" name={valueLabel} fill="#4338ca" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
