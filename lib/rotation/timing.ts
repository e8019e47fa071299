// Rotation timing, as DESIGN.md derives it from four tenant settings. Pure functions of
// their inputs and an explicit `now`, so every rule is testable with any clock.

export interface TimingSettings {
  verifierCacheSeconds: number;
  jwksMaxAgeSeconds: number;
  maxTokenLifetimeSeconds: number;
  clockSkewSeconds: number;
}

/** How long a new key must have been published before it may sign. */
export function leadSeconds(settings: TimingSettings): number {
  return Math.max(settings.verifierCacheSeconds, settings.jwksMaxAgeSeconds);
}

// LIMITATION: lead and overlap use the tenant's current settings. Lowering the longest token
// lifetime or the verifier cache time shortens the overlap of keys already retired, so tokens
// issued under the old, longer lifetime could outlive their key in the JWKS; costs a failed
// verification for such tokens. Recording the settings in force at retirement would fix it.
/** How long a retired key stays published after it stopped signing. */
export function overlapSeconds(settings: TimingSettings): number {
  return (
    settings.maxTokenLifetimeSeconds + settings.verifierCacheSeconds + settings.clockSkewSeconds
  );
}

const addSeconds = (date: Date, seconds: number) => new Date(date.getTime() + seconds * 1000);

/**
 * When a staged key may become active. A staged key is published from the moment it is
 * created, so its lead counts from `createdAt`.
 */
export function promotableAt(key: { createdAt: Date }, settings: TimingSettings): Date {
  return addSeconds(key.createdAt, leadSeconds(settings));
}

/** When a retired key may leave the JWKS. */
export function unpublishableAt(
  key: { retiredAt: Date | null; createdAt: Date },
  settings: TimingSettings,
): Date {
  return addSeconds(key.retiredAt ?? key.createdAt, overlapSeconds(settings));
}

/** When a policy wants the slot's active key replaced. */
export function rotationDueAt(
  active: { activatedAt: Date | null; createdAt: Date },
  rotateEveryDays: number,
): Date {
  return addSeconds(active.activatedAt ?? active.createdAt, rotateEveryDays * 86_400);
}

/** "4 min 10 s", "2 h 5 min", "3 d 4 h": the two largest units, for messages and countdowns. */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.ceil(totalSeconds));
  const units: [number, string][] = [
    [Math.floor(seconds / 86_400), "d"],
    [Math.floor((seconds % 86_400) / 3600), "h"],
    [Math.floor((seconds % 3600) / 60), "min"],
    [seconds % 60, "s"],
  ];
  const first = units.findIndex(([value]) => value > 0);
  if (first === -1) return "0 s";
  return units
    .slice(first, first + 2)
    .filter(([value]) => value > 0)
    .map(([value, unit]) => `${value} ${unit}`)
    .join(" ");
}

/** "at 2026-12-04T19:30:00.000Z (in 9 min 30 s)": the wording of every "not yet" refusal. */
export function describeSafeAt(safeAt: Date, now: Date): string {
  return `at ${safeAt.toISOString()} (in ${formatDuration((safeAt.getTime() - now.getTime()) / 1000)})`;
}
