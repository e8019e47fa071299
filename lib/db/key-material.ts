import { Prisma } from "./generated/client";
import type { DbClient } from "./types";

// Reads and writes for imports, certificates and KEK re-wrapping. Only
// `findKeyWithMaterial` and `claimWrappedRows` select wrapped private keys.

/** Public JWKs of a tenant's keys, to recognise the same key imported under another kid. */
export async function listTenantPublicJwks(client: DbClient, tenantId: string) {
  return client.key.findMany({
    where: { tenantId, publicJwk: { not: Prisma.DbNull } },
    select: { kid: true, publicJwk: true },
  });
}

export async function findKeyWithMaterial(client: DbClient, tenantId: string, kid: string) {
  return client.key.findUnique({
    where: { tenantId_kid: { tenantId, kid } },
    omit: { privateCiphertext: false },
  });
}

export async function setKeyCertificate(
  client: DbClient,
  tenantId: string,
  id: string,
  certificate: { chain: string[]; x5tS256: string },
) {
  return client.key.update({
    where: { id, tenantId },
    data: { certificateChain: certificate.chain, x5tS256: certificate.x5tS256 },
  });
}

// ---- KEK re-wrapping (instance-wide: rows of every tenant) ----

export type WrappedTable = "keys" | "system_keys";

export interface KekCount {
  kekId: string;
  count: number;
}

/** How many wrapped private keys each KEK id still protects. */
export async function countWrappedByKek(client: DbClient, table: WrappedTable) {
  const rows = await client.$queryRawUnsafe<{ kek_id: string; count: bigint | number }[]>(
    `SELECT kek_id, count(*) AS count FROM ${table}
      WHERE private_ciphertext IS NOT NULL AND kek_id IS NOT NULL
      GROUP BY kek_id ORDER BY kek_id`,
  );
  return rows.map((r): KekCount => ({ kekId: r.kek_id, count: Number(r.count) }));
}

export interface WrappedRow {
  id: string;
  scope: string;
  kekId: string;
  privateCiphertext: Uint8Array;
}

/**
 * Locks up to `limit` rows wrapped by one of `kekIds` (SKIP LOCKED: concurrent re-wrappers
 * take disjoint batches, and a row being destroyed is not waited for).
 */
export async function claimWrappedRows(
  tx: DbClient,
  table: WrappedTable,
  kekIds: string[],
  limit: number,
): Promise<WrappedRow[]> {
  if (kekIds.length === 0) return [];
  const placeholders = kekIds.map((_, i) => `$${i + 1}`).join(", ");
  const locked = await tx.$queryRawUnsafe<{ id: string }[]>(
    `SELECT id::text AS id FROM ${table}
      WHERE kek_id IN (${placeholders}) AND private_ciphertext IS NOT NULL
      ORDER BY id LIMIT ${Math.max(1, Math.floor(limit))}
      FOR UPDATE SKIP LOCKED`,
    ...kekIds,
  );
  const ids = locked.map((r) => r.id);
  if (ids.length === 0) return [];
  if (table === "keys") {
    const rows = await tx.key.findMany({
      where: { id: { in: ids } },
      select: { id: true, tenantId: true, kekId: true, privateCiphertext: true },
    });
    return rows.map((r) => ({
      id: r.id,
      scope: r.tenantId,
      kekId: r.kekId!,
      privateCiphertext: r.privateCiphertext!,
    }));
  }
  const rows = await tx.systemKey.findMany({
    where: { id: { in: ids } },
    select: { id: true, kekId: true, privateCiphertext: true },
  });
  return rows.map((r) => ({ ...r, scope: "system" }));
}

export async function storeRewrapped(
  tx: DbClient,
  table: WrappedTable,
  id: string,
  ciphertext: Uint8Array<ArrayBuffer>,
  kekId: string,
) {
  const data = { privateCiphertext: ciphertext, kekId };
  if (table === "keys") await tx.key.update({ where: { id }, data, select: { id: true } });
  else await tx.systemKey.update({ where: { id }, data, select: { id: true } });
}
