// When a retired key may leave the JWKS. DESIGN.md "Rotation timing": a retired key stays
// published for at least the overlap (longest token lifetime + verifier cache time +
// allowed clock skew) after it stopped signing. Keyward also sees uses through its own
// sign and verify endpoints; the overlap counts from the later of retirement and last use.

export interface OverlapSettings {
  maxTokenLifetimeSeconds: number;
  verifierCacheSeconds: number;
  clockSkewSeconds: number;
}

export interface KeyForSafety {
  state: string;
  retiredAt: Date | null;
  lastUsedAt: Date | null;
}

export interface Safety {
  safe: boolean;
  reason: string;
  /** When a retired key becomes safe if nothing uses it meanwhile. */
  safeAfter: string | null;
}

export function overlapSeconds(settings: OverlapSettings): number {
  return (
    settings.maxTokenLifetimeSeconds + settings.verifierCacheSeconds + settings.clockSkewSeconds
  );
}

/** "1 h 11 min", "45 s", "2 d 3 h": short and exact enough for a reason line. */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.round(totalSeconds));
  const parts: [number, string][] = [
    [Math.floor(seconds / 86_400), "d"],
    [Math.floor((seconds % 86_400) / 3_600), "h"],
    [Math.floor((seconds % 3_600) / 60), "min"],
    [seconds % 60, "s"],
  ];
  const shown = parts.filter(([value]) => value > 0).slice(0, 2);
  return shown.length === 0 ? "0 s" : shown.map(([value, unit]) => `${value} ${unit}`).join(" ");
}

const notRetired: Record<string, string> = {
  staged: "Staged: published for the next rotation, not retired.",
  active: "Active: it signs new tokens. Rotate the slot before retiring it.",
  unpublished: "Already unpublished: verifiers no longer see it.",
  revoked: "Revoked: already out of the JWKS.",
  destroy_scheduled: "Revoked or unpublished, with destruction scheduled.",
  destroyed: "Destroyed.",
};

export function retirementSafety(key: KeyForSafety, settings: OverlapSettings, now: Date): Safety {
  if (key.state !== "retired" || !key.retiredAt) {
    return { safe: false, reason: notRetired[key.state] ?? "Not retired.", safeAfter: null };
  }

  const overlap = overlapSeconds(settings);
  const lastUse = key.lastUsedAt && key.lastUsedAt > key.retiredAt ? key.lastUsedAt : null;
  const quietSince = lastUse ?? key.retiredAt;
  const quietSeconds = (now.getTime() - quietSince.getTime()) / 1000;
  const safeAfter = new Date(quietSince.getTime() + overlap * 1000).toISOString();
  const since = lastUse ? "last used" : "retired";

  if (quietSeconds >= overlap) {
    return {
      safe: true,
      reason: `Safe to unpublish: ${since} ${formatDuration(quietSeconds)} ago, longer than the ${formatDuration(overlap)} overlap (token lifetime + verifier cache + clock skew).`,
      safeAfter,
    };
  }
  return {
    safe: false,
    reason: `Still within the overlap: ${since} ${formatDuration(quietSeconds)} ago; safe after ${formatDuration(overlap)} without use.`,
    safeAfter,
  };
}
