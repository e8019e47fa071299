import { describe, expect, it } from "vitest";
import { fillSeries, usageWindowInput, windowRange } from "./windows";

const now = new Date("2026-12-04T12:34:56Z");

describe("usage windows", () => {
  it("ends each window with the current bucket, aligned to UTC", () => {
    expect(new Date(windowRange("1h", now).start).toISOString()).toBe("2026-12-04T11:35:00.000Z");
    expect(new Date(windowRange("24h", now).start).toISOString()).toBe("2026-12-03T13:00:00.000Z");
    expect(new Date(windowRange("30d", now).start).toISOString()).toBe("2026-11-05T00:00:00.000Z");
  });

  it("fills every bucket, zeros included, and ignores points outside the window", () => {
    const range = windowRange("1h", now);
    const series = fillSeries(range, [
      { bucket: Date.parse("2026-12-04T12:34:00Z"), kind: "signature", total: 3 },
      { bucket: Date.parse("2026-12-04T12:34:00Z"), kind: "jwks_fetch", total: 7 },
      { bucket: Date.parse("2026-12-04T11:35:00Z"), kind: "jwks_not_modified", total: 2 },
      { bucket: Date.parse("2026-12-04T11:34:00Z"), kind: "signature", total: 100 },
    ]);

    expect(series).toHaveLength(60);
    expect(series[59]).toEqual({
      at: "2026-12-04T12:34:00.000Z",
      signatures: 3,
      verifications: 0,
      jwksFetches: 7,
      jwksNotModified: 0,
    });
    expect(series[0].jwksNotModified).toBe(2);
    expect(series.reduce((sum, b) => sum + b.signatures, 0)).toBe(3);
  });

  it("accepts only the documented windows", () => {
    expect(usageWindowInput.parse(undefined)).toBe("1h");
    expect(usageWindowInput.safeParse("7d").success).toBe(false);
  });
});
