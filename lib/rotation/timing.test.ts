import { describe, expect, it } from "vitest";
import {
  describeSafeAt,
  formatDuration,
  leadSeconds,
  overlapSeconds,
  promotableAt,
  rotationDueAt,
  unpublishableAt,
} from "./timing";

const settings = {
  verifierCacheSeconds: 600,
  jwksMaxAgeSeconds: 300,
  maxTokenLifetimeSeconds: 3600,
  clockSkewSeconds: 60,
};
const t0 = new Date("2027-01-01T00:00:00.000Z");
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

describe("rotation timing", () => {
  it("derives the lead from the longer of the verifier cache time and the JWKS max-age", () => {
    expect(leadSeconds(settings)).toBe(600);
    expect(leadSeconds({ ...settings, jwksMaxAgeSeconds: 900 })).toBe(900);
    expect(leadSeconds({ ...settings, verifierCacheSeconds: 0, jwksMaxAgeSeconds: 0 })).toBe(0);
  });

  it("derives the overlap from token lifetime, verifier cache time and clock skew", () => {
    expect(overlapSeconds(settings)).toBe(3600 + 600 + 60);
    // The JWKS max-age does not lengthen the overlap: a stale copy holds more keys, not fewer.
    expect(overlapSeconds({ ...settings, jwksMaxAgeSeconds: 86_400 })).toBe(4260);
  });

  it("refuses to promote a key before its lead time and allows it exactly at the lead", () => {
    const safe = promotableAt({ createdAt: t0 }, settings);
    expect(safe).toEqual(at(600));
    expect(at(599) < safe).toBe(true);
    expect(at(600) >= safe).toBe(true);
  });

  it("keeps a retired key published for the whole overlap after it stopped signing", () => {
    expect(unpublishableAt({ retiredAt: at(100), createdAt: t0 }, settings)).toEqual(at(4360));
  });

  it("counts a policy's period from the activation of the current key", () => {
    expect(rotationDueAt({ activatedAt: at(50), createdAt: t0 }, 30)).toEqual(at(50 + 30 * 86_400));
    expect(rotationDueAt({ activatedAt: null, createdAt: t0 }, 1)).toEqual(at(86_400));
  });

  it("writes durations with their two largest units", () => {
    expect(
      [0, 0.2, 59, 61, 3600, 3661, 90_000, 86_400 * 3 + 60].map((s) => formatDuration(s)),
    ).toEqual(["0 s", "1 s", "59 s", "1 min 1 s", "1 h", "1 h 1 min", "1 d 1 h", "3 d"]);
    expect(describeSafeAt(at(570), t0)).toBe("at 2027-01-01T00:09:30.000Z (in 9 min 30 s)");
  });
});
