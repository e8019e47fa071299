import { describe, expect, it } from "vitest";
import { formatDuration, overlapSeconds, retirementSafety } from "./safety";

const settings = { maxTokenLifetimeSeconds: 3600, verifierCacheSeconds: 600, clockSkewSeconds: 60 };
const now = new Date("2026-12-04T12:00:00Z");
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);

describe("retirementSafety", () => {
  it("derives the overlap from token lifetime, verifier cache time and clock skew", () => {
    expect(overlapSeconds(settings)).toBe(4260);
  });

  it("marks a retired key safe only once the overlap has passed since retirement", () => {
    const early = retirementSafety(
      { state: "retired", retiredAt: ago(4259), lastUsedAt: null },
      settings,
      now,
    );
    const late = retirementSafety(
      { state: "retired", retiredAt: ago(4260), lastUsedAt: null },
      settings,
      now,
    );

    expect(early.safe).toBe(false);
    expect(early.reason).toContain("Still within the overlap");
    expect(late.safe).toBe(true);
    expect(late.reason).toBe(
      "Safe to unpublish: retired 1 h 11 min ago, longer than the 1 h 11 min overlap (token lifetime + verifier cache + clock skew).",
    );
    expect(late.safeAfter).toBe(now.toISOString());
  });

  it("counts the overlap from the last use when the key was used after retirement", () => {
    const key = { state: "retired", retiredAt: ago(10 * 3600), lastUsedAt: ago(120) };
    const safety = retirementSafety(key, settings, now);

    expect(safety.safe).toBe(false);
    expect(safety.reason).toContain("last used 2 min ago");
    expect(safety.safeAfter).toBe(new Date(ago(120).getTime() + 4260_000).toISOString());
  });

  it("never marks a key that is not retired, and says why", () => {
    for (const state of ["staged", "active", "unpublished", "revoked", "destroyed"]) {
      const safety = retirementSafety(
        { state, retiredAt: ago(99_999), lastUsedAt: null },
        settings,
        now,
      );
      expect(safety.safe, state).toBe(false);
      expect(safety.reason.length, state).toBeGreaterThan(5);
    }
  });
});

describe("formatDuration", () => {
  it("shows the two largest units", () => {
    expect(formatDuration(0)).toBe("0 s");
    expect(formatDuration(45)).toBe("45 s");
    expect(formatDuration(4260)).toBe("1 h 11 min");
    expect(formatDuration(2 * 86_400 + 3 * 3600 + 5)).toBe("2 d 3 h");
  });
});
