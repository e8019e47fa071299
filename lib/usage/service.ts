import type { Actor } from "../auth/actor";
import { authorizeTenant } from "../authz/authorize";
import {
  findKeyForUsage,
  listKeysForUsage,
  sumKeyUsage,
  sumUsageSeries,
  topJwksConsumers,
  type KeyUsageTotal,
} from "../db/usage";
import { invalid } from "../errors";
import { usageKinds } from "./recorder";
import { overlapSeconds, retirementSafety } from "./safety";
import {
  fillSeries,
  usageWindowInput,
  usageWindows,
  windowRange,
  type UsageWindow,
} from "./windows";

// Reading usage needs keys.read (viewers, auditors, tokens with keys:read): it describes
// how keys are used, never what they contain.

const TOP_CONSUMERS = 10;

function totalsFor(totals: KeyUsageTotal[], keyId: string) {
  let signatures = 0;
  let verifications = 0;
  for (const row of totals) {
    if (row.keyId !== keyId) continue;
    if (row.kind === usageKinds.signature) signatures += row.total;
    if (row.kind === usageKinds.verification) verifications += row.total;
  }
  return { signatures, verifications };
}

export function parseUsageWindow(raw: unknown): UsageWindow {
  const parsed = usageWindowInput.safeParse(raw ?? undefined);
  if (!parsed.success) throw invalid(parsed.error.issues[0].message);
  return parsed.data;
}

/** The tenant's usage over one window: per key, JWKS fetches, a series and top consumers. */
export async function getTenantUsage(
  actor: Actor,
  slug: string,
  rawWindow: unknown,
  now = new Date(),
) {
  const window = parseUsageWindow(rawWindow);
  const { tenant } = await authorizeTenant(actor, slug, "keys.read", "usage.viewed");
  const range = windowRange(window, now);
  const since = new Date(range.start);

  const [keys, totals, points, consumers] = await Promise.all([
    listKeysForUsage(tenant.id),
    sumKeyUsage(tenant.id, since),
    sumUsageSeries(tenant.id, since, usageWindows[window].stepSeconds),
    topJwksConsumers(tenant.id, since, TOP_CONSUMERS),
  ]);
  const series = fillSeries(range, points);

  return {
    window,
    from: since.toISOString(),
    to: now.toISOString(),
    bucket: usageWindows[window].unit,
    overlapSeconds: overlapSeconds(tenant),
    keys: keys.map((key) => {
      const safety = retirementSafety(key, tenant, now);
      return {
        kid: key.kid,
        alg: key.alg,
        state: key.state,
        ...totalsFor(totals, key.id),
        lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
        safeToRetire: safety.safe,
        safeToRetireReason: safety.reason,
        safeAfter: safety.safeAfter,
      };
    }),
    jwks: {
      fetches: series.reduce((sum, b) => sum + b.jwksFetches, 0),
      notModified: series.reduce((sum, b) => sum + b.jwksNotModified, 0),
      topConsumers: consumers,
    },
    series,
  };
}

export type TenantUsage = Awaited<ReturnType<typeof getTenantUsage>>;

/** One key's usage for its page and the revoke warning: last hour, day and 30 days. */
export async function getKeyUsage(actor: Actor, slug: string, kid: string, now = new Date()) {
  const { tenant } = await authorizeTenant(actor, slug, "keys.read", "usage.viewed");
  const key = await findKeyForUsage(tenant.id, kid);
  if (!key) return null;

  const windows = (["1h", "24h", "30d"] as const).map(async (window) => {
    const since = new Date(windowRange(window, now).start);
    return [window, totalsFor(await sumKeyUsage(tenant.id, since, key.id), key.id)] as const;
  });
  const safety = retirementSafety(key, tenant, now);
  return {
    kid: key.kid,
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    windows: Object.fromEntries(await Promise.all(windows)) as Record<
      UsageWindow,
      { signatures: number; verifications: number }
    >,
    safeToRetire: safety.safe,
    safeToRetireReason: safety.reason,
  };
}

export type KeyUsage = NonNullable<Awaited<ReturnType<typeof getKeyUsage>>>;
