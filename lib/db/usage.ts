import { db } from "./client";
import type { UsageBatch } from "../usage/recorder";

// usage_counters holds per-minute increments. Writers only ever add (ON CONFLICT … count +
// EXCLUDED.count), so instances flushing the same minute add up instead of overwriting.

const ROWS_PER_STATEMENT = 1_000;

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Writes one flush: counter increments and keys' last use, in one transaction. Rows go in
 * primary-key order so two instances upserting the same rows lock them in the same order
 * and cannot deadlock. Each row names its tenant; key updates match on tenant and id.
 */
export async function addUsage(batch: UsageBatch): Promise<void> {
  const counters = [...batch.counters].sort(
    (a, b) =>
      compareText(a.tenantId, b.tenantId) ||
      compareText(a.keyId, b.keyId) ||
      compareText(a.kind, b.kind) ||
      compareText(a.uaFamily, b.uaFamily) ||
      a.minute - b.minute,
  );
  const lastUsed = [...batch.lastUsed].sort((a, b) => compareText(a.keyId, b.keyId));
  const prisma = await db();

  await prisma.$transaction(async (tx) => {
    for (let start = 0; start < counters.length; start += ROWS_PER_STATEMENT) {
      const chunk = counters.slice(start, start + ROWS_PER_STATEMENT);
      const params: unknown[] = [];
      const values = chunk.map((row) => {
        const at = params.length;
        params.push(
          row.tenantId,
          row.keyId,
          row.kind,
          row.uaFamily,
          new Date(row.minute).toISOString(),
          String(row.count),
        );
        return `($${at + 1}::uuid, $${at + 2}, $${at + 3}, $${at + 4}, $${at + 5}::timestamptz, $${at + 6}::bigint)`;
      });
      await tx.$executeRawUnsafe(
        `INSERT INTO usage_counters (tenant_id, key_id, kind, ua_family, minute, count)
         VALUES ${values.join(", ")}
         ON CONFLICT (tenant_id, key_id, kind, ua_family, minute)
         DO UPDATE SET count = usage_counters.count + EXCLUDED.count`,
        ...params,
      );
    }

    for (let start = 0; start < lastUsed.length; start += ROWS_PER_STATEMENT) {
      const chunk = lastUsed.slice(start, start + ROWS_PER_STATEMENT);
      const params: unknown[] = [];
      const values = chunk.map((use) => {
        const at = params.length;
        params.push(use.tenantId, use.keyId, new Date(use.at).toISOString());
        return `($${at + 1}::uuid, $${at + 2}::uuid, $${at + 3}::timestamptz)`;
      });
      // Never moves last use backwards: another instance may have flushed a later one.
      await tx.$executeRawUnsafe(
        `UPDATE keys SET last_used_at = GREATEST(COALESCE(keys.last_used_at, v.at), v.at)
         FROM (VALUES ${values.join(", ")}) AS v(tenant_id, id, at)
         WHERE keys.tenant_id = v.tenant_id AND keys.id = v.id`,
        ...params,
      );
    }
  });
}

/** Deletes counters older than `before` (all tenants: retention is instance-wide). */
export async function pruneUsageCounters(before: Date): Promise<number> {
  const prisma = await db();
  return prisma.$executeRawUnsafe(
    `DELETE FROM usage_counters WHERE minute < $1::timestamptz`,
    before.toISOString(),
  );
}

export interface KeyUsageTotal {
  keyId: string;
  kind: string;
  total: number;
}

/** Per key and kind since `since`; `keyId` narrows to one key. */
export async function sumKeyUsage(
  tenantId: string,
  since: Date,
  keyId?: string,
): Promise<KeyUsageTotal[]> {
  const prisma = await db();
  const rows = await prisma.$queryRawUnsafe<{ key_id: string; kind: string; total: unknown }[]>(
    `SELECT key_id, kind, SUM(count)::bigint AS total
       FROM usage_counters
      WHERE tenant_id = $1::uuid AND minute >= $2::timestamptz AND key_id <> ''
        ${keyId ? "AND key_id = $3" : ""}
      GROUP BY key_id, kind`,
    tenantId,
    since.toISOString(),
    ...(keyId ? [keyId] : []),
  );
  return rows.map((r) => ({ keyId: r.key_id, kind: r.kind, total: Number(r.total) }));
}

export interface SeriesPoint {
  /** Bucket start, epoch milliseconds. */
  bucket: number;
  kind: string;
  total: number;
}

/** Totals per kind in buckets of `stepSeconds` (UTC-aligned), since `since`. */
export async function sumUsageSeries(
  tenantId: string,
  since: Date,
  stepSeconds: number,
): Promise<SeriesPoint[]> {
  const step = Math.trunc(stepSeconds);
  const prisma = await db();
  const rows = await prisma.$queryRawUnsafe<{ bucket: unknown; kind: string; total: unknown }[]>(
    `SELECT (floor(extract(epoch FROM minute) / ${step}) * ${step})::bigint AS bucket,
            kind, SUM(count)::bigint AS total
       FROM usage_counters
      WHERE tenant_id = $1::uuid AND minute >= $2::timestamptz
      GROUP BY 1, kind`,
    tenantId,
    since.toISOString(),
  );
  return rows.map((r) => ({
    bucket: Number(r.bucket) * 1000,
    kind: r.kind,
    total: Number(r.total),
  }));
}

/** JWKS fetches per User-Agent family since `since`, most first. */
export async function topJwksConsumers(tenantId: string, since: Date, limit: number) {
  const prisma = await db();
  const rows = await prisma.$queryRawUnsafe<
    { ua_family: string; fetches: unknown; not_modified: unknown }[]
  >(
    `SELECT ua_family,
            SUM(CASE WHEN kind = 'jwks_fetch' THEN count ELSE 0 END)::bigint AS fetches,
            SUM(CASE WHEN kind = 'jwks_not_modified' THEN count ELSE 0 END)::bigint AS not_modified
       FROM usage_counters
      WHERE tenant_id = $1::uuid AND minute >= $2::timestamptz
        AND kind IN ('jwks_fetch', 'jwks_not_modified')
      GROUP BY ua_family
      ORDER BY 2 DESC, ua_family
      LIMIT ${Math.trunc(limit)}`,
    tenantId,
    since.toISOString(),
  );
  return rows.map((r) => ({
    family: r.ua_family,
    fetches: Number(r.fetches),
    notModified: Number(r.not_modified),
  }));
}

const keyUsageFields = {
  id: true,
  kid: true,
  alg: true,
  state: true,
  retiredAt: true,
  lastUsedAt: true,
} as const;

/** The keys the usage view lists, with what deciding "safe to retire" needs. */
// LIMITATION: the dashboard lists a tenant's newest 500 keys; older ones keep counting but
// are shown only on their own key page.
export async function listKeysForUsage(tenantId: string) {
  const prisma = await db();
  return prisma.key.findMany({
    where: { tenantId },
    select: keyUsageFields,
    orderBy: { createdAt: "desc" },
    take: 500,
  });
}

export async function findKeyForUsage(tenantId: string, kid: string) {
  const prisma = await db();
  return prisma.key.findUnique({
    where: { tenantId_kid: { tenantId, kid } },
    select: keyUsageFields,
  });
}
