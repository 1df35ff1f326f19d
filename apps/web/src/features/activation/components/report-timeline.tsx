"use client";
// Opens and clicks per hour after the send (recharts). Each hour's label comes formatted by the
// server (Paris time, the reader's language).
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export function ReportTimeline({ data, labels }: { data: { label: string; opens: number; clicks: number }[]; labels: { opens: string; clicks: string } }) {
  return (
    <div className="h-72 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid stroke="#e2e8f0" />
          <XAxis dataKey="label" fontSize={12} />
          <YAxis allowDecimals={false} fontSize={12} />
          <Tooltip />
          <Legend />
          <Line type="monotone" dataKey="opens" name={labels.opens} stroke="#4338ca" strokeWidth={2} dot={false} isAnimationActive={false} />
          <Line type="monotone" dataKey="clicks" name={labels.clicks} stroke="#b45309" strokeWidth={2} dot={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
