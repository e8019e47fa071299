import { z } from "zod";
import { usageKinds } from "./recorder";

// The three views: the last hour by minute, the last day by hour, the last 30 days by day.
// A window is whole buckets ending with the current one, so totals equal the chart's sum.

export const usageWindows = {
  "1h": { stepSeconds: 60, buckets: 60, label: "Last hour", unit: "minute" },
  "24h": { stepSeconds: 3_600, buckets: 24, label: "Last 24 hours", unit: "hour" },
  "30d": { stepSeconds: 86_400, buckets: 30, label: "Last 30 days", unit: "day" },
} as const;

export type UsageWindow = keyof typeof usageWindows;

export const usageWindowInput = z
  .enum(Object.keys(usageWindows) as [UsageWindow, ...UsageWindow[]], {
    message: "window must be 1h, 24h or 30d.",
  })
  .default("1h");

export interface WindowRange {
  /** First bucket's start, epoch milliseconds. */
  start: number;
  stepMs: number;
  buckets: number;
}

export function windowRange(window: UsageWindow, now: Date): WindowRange {
  const { stepSeconds, buckets } = usageWindows[window];
  const stepMs = stepSeconds * 1000;
  const current = now.getTime() - (now.getTime() % stepMs);
  return { start: current - (buckets - 1) * stepMs, stepMs, buckets };
}

export interface SeriesBucket {
  at: string;
  signatures: number;
  verifications: number;
  jwksFetches: number;
  jwksNotModified: number;
}

const fieldByKind: Record<string, Exclude<keyof SeriesBucket, "at">> = {
  [usageKinds.signature]: "signatures",
  [usageKinds.verification]: "verifications",
  [usageKinds.jwksFetch]: "jwksFetches",
  [usageKinds.jwksNotModified]: "jwksNotModified",
};

/** One entry per bucket of the window, zeros included, so charts keep their time axis. */
export function fillSeries(
  range: WindowRange,
  points: { bucket: number; kind: string; total: number }[],
): SeriesBucket[] {
  const series = Array.from({ length: range.buckets }, (_, i) => ({
    at: new Date(range.start + i * range.stepMs).toISOString(),
    signatures: 0,
    verifications: 0,
    jwksFetches: 0,
    jwksNotModified: 0,
  }));
  for (const point of points) {
    const index = Math.floor((point.bucket - range.start) / range.stepMs);
    const field = fieldByKind[point.kind];
    if (field && index >= 0 && index < series.length) series[index][field] += point.total;
  }
  return series;
}
