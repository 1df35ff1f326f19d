"use client";
// Opens and clicks per hour after the send (recharts); hours in Paris time, in the reader's language.
import { useFormatter } from "next-intl";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { SCHEDULE_TIME_ZONE } from "@rappel/campaigns";

export function ReportTimeline({ data, labels }: { data: { hour: string; opens: number; clicks: number }[]; labels: { opens: string; clicks: string } }) {
  const format = useFormatter();
  const rows = data.map((d) => ({
    ...d,
    label: format.dateTime(new Date(d.hour), { timeZone: SCHEDULE_TIME_ZONE, day: "2-digit", month: "2-digit", hour: "2-digit" }),
  }));
  return (
    <div className="h-72 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
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
