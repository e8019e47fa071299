import { unprocessable } from "../errors";

const units: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** "90", 90, "15m", "2h", "1d" → seconds. */
export function parseLifetime(value: string | number): number {
  if (typeof value === "number") {
    if (Number.isInteger(value) && value > 0) return value;
  } else {
    const match = /^\s*(\d{1,9})\s*([smhd]?)\s*$/.exec(value);
    if (match) {
      const seconds = Number(match[1]) * units[match[2] || "s"];
      if (seconds > 0) return seconds;
    }
  }
  throw unprocessable(
    'expiresIn must be a positive number of seconds or a duration like "10m", "2h", "1d".',
    {
      expiresIn: "Use seconds or a duration like 10m.",
    },
  );
}
