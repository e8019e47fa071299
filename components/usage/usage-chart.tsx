"use client";

import {
  Area,
  AreaChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { SeriesBucket, UsageWindow } from "@/lib/usage/windows";
import { seriesColors } from "./colors";

// A time series drawn by recharts. Axis text and grid take `currentColor` from the
// wrapper's Tailwind classes, so the chart follows light and dark mode like the page.

export interface SeriesLine {
  field: Exclude<keyof SeriesBucket, "at">;
  label: string;
}

const tickFormats: Record<UsageWindow, Intl.DateTimeFormatOptions> = {
  "1h": { hour: "2-digit", minute: "2-digit" },
  "24h": { hour: "2-digit", minute: "2-digit" },
  "30d": { month: "short", day: "numeric" },
};

function formatTick(value: string, window: UsageWindow) {
  return new Date(value).toLocaleString(undefined, tickFormats[window]);
}

function ChartTooltip({
  active,
  payload,
  label,
  window,
}: {
  active?: boolean;
  payload?: readonly { dataKey?: unknown; name?: unknown; value?: unknown; color?: string }[];
  label?: unknown;
  window: UsageWindow;
}) {
  if (!active || !payload?.length) return null;
  return (
    <div className="rounded-md border border-slate-200 bg-white px-3 py-2 text-xs shadow-md dark:border-slate-700 dark:bg-slate-900">
      <p className="mb-1 font-medium">
        {new Date(String(label)).toLocaleString(undefined, {
          ...tickFormats[window],
          ...(window === "30d" ? {} : { month: "short", day: "numeric" }),
        })}
      </p>
      {payload.map((entry) => (
        <p key={String(entry.dataKey)} className="flex items-center gap-2">
          <span className="inline-block h-2 w-2 rounded-full" style={{ background: entry.color }} />
          {String(entry.name)}: <span className="font-mono">{String(entry.value)}</span>
        </p>
      ))}
    </div>
  );
}

export function UsageChart({
  title,
  series,
  lines,
  window,
}: {
  title: string;
  series: SeriesBucket[];
  lines: SeriesLine[];
  window: UsageWindow;
}) {
  return (
    <figure aria-label={title} className="h-64 w-full text-slate-500 dark:text-slate-400">
      <ResponsiveContainer width="100%" height="100%">
        <AreaChart data={series} margin={{ top: 8, right: 12, bottom: 0, left: -12 }}>
          <CartesianGrid stroke="currentColor" strokeOpacity={0.15} vertical={false} />
          <XAxis
            dataKey="at"
            tickFormatter={(value: string) => formatTick(value, window)}
            tick={{ fill: "currentColor", fontSize: 11 }}
            stroke="currentColor"
            strokeOpacity={0.3}
            minTickGap={24}
          />
          <YAxis
            allowDecimals={false}
            tick={{ fill: "currentColor", fontSize: 11 }}
            stroke="currentColor"
            strokeOpacity={0.3}
          />
          <Tooltip content={(props) => <ChartTooltip {...props} window={window} />} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {lines.map((line) => (
            <Area
              key={line.field}
              type="monotone"
              dataKey={line.field}
              name={line.label}
              stroke={seriesColors[line.field]}
              fill={seriesColors[line.field]}
              fillOpacity={0.15}
              strokeWidth={2}
              // Live data replaces the series every few seconds; animating each refresh
              // would make the chart jump.
              isAnimationActive={false}
            />
          ))}
        </AreaChart>
      </ResponsiveContainer>
    </figure>
  );
}
