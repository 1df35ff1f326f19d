"use client";
// NPS of each compared group with its 95 % margin as an error bar (recharts). The same figures are
// in the table next to it, which is what screen readers use: the chart itself is hidden from them.
import { Bar, BarChart, CartesianGrid, Cell, ErrorBar, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface ComparisonChartPoint {
  label: string;
  /** Null for a group below the minimum of responses: no bar. */
  nps: number | null;
  margin: number;
  reference: boolean;
}

const AXIS = { fontSize: 12, fill: "#334155" };

export function ComparisonChart({ points, npsLabel }: { points: ComparisonChartPoint[]; npsLabel: string }) {
  return (
    <div className="h-72 w-full" data-testid="comparison-chart" aria-hidden="true">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={points} margin={{ top: 12, right: 12, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="label" tick={AXIS} interval={0} />
          <YAxis domain={[-100, 100]} ticks={[-100, -50, 0, 50, 100]} tick={AXIS} width={40} />
          <ReferenceLine y={0} stroke="#64748b" />
          <Tooltip formatter={(value, _name, item) => [`${String(value)} ± ${String((item.payload as ComparisonChartPoint).margin)}`, npsLabel]} />
          <Bar dataKey="nps" name={npsLabel} isAnimationActive={false} maxBarSize={72}>
            {points.map((p) => (
              <Cell key={p.label} fill={p.reference ? "#1e3a8a" : "#4338ca"} />
            ))}
            <ErrorBar dataKey="margin" width={10} strokeWidth={2} stroke="#0f172a" direction="y" />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
