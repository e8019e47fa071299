import type { Actor } from "../auth/actor";
import { authorizeInstanceAdmin } from "../authz/authorize";
import { unwrap, wrap } from "../crypto/kek";
import { keyring } from "../crypto/keyring";
import { ALL_TENANTS, tenantChanged } from "../cache/tenant-changes";
import { db } from "../db/client";
import {
  claimWrappedRows,
  countWrappedByKek,
  storeRewrapped,
  type WrappedTable,
} from "../db/key-material";
import { announceJwksChange } from "../jwks/changes";
import { logger } from "../logger";
import { runAudited } from "../operations/mutate";

// Rolling in a new KEK: KEYWARD_MASTER_KEY becomes the new key, the old one moves to
// KEYWARD_PREVIOUS_MASTER_KEYS, and every wrapped private key (tenant keys and Keyward's
// own system keys) is re-wrapped in batches. Each batch is one transaction with one audit
// event; rows are claimed with SKIP LOCKED, so several runners (the CLI and the admin page,
// or two instances) never re-wrap the same row twice. Keys wrapped by the old KEK keep
// working meanwhile, because unwrapping looks the KEK up by the id the row records.

export const DEFAULT_BATCH_SIZE = 50;
// LIMITATION: a row whose KEK is configured nowhere (status.unreadable) cannot be re-wrapped
// or used; only putting that KEK back in KEYWARD_PREVIOUS_MASTER_KEYS recovers it.
const tables: WrappedTable[] = ["keys", "system_keys"];

export interface KekUsage {
  kekId: string;
  role: "current" | "previous" | "missing";
  keys: number;
  systemKeys: number;
}

export interface KekStatus {
  currentKekId: string;
  kekIds: KekUsage[];
  /** Rows not yet wrapped by the current KEK (whose KEK is configured). */
  remaining: number;
  /** Rows whose KEK is not configured at all: they cannot be unwrapped or re-wrapped. */
  unreadable: number;
  total: number;
  /** Previous KEKs no row uses: they can be removed from KEYWARD_PREVIOUS_MASTER_KEYS. */
  droppable: string[];
}

export async function readKekStatus(): Promise<KekStatus> {
  const ring = keyring();
  const prisma = await db();
  const [keys, systemKeys] = await Promise.all(tables.map((t) => countWrappedByKek(prisma, t)));
  const ids = new Set([...ring.byId.keys(), ...keys.map((k) => k.kekId)]);
  for (const k of systemKeys) ids.add(k.kekId);

  const kekIds = [...ids].map((kekId): KekUsage => {
    const role =
      kekId === ring.current.id ? "current" : ring.byId.has(kekId) ? "previous" : "missing";
    return {
      kekId,
      role,
      keys: keys.find((k) => k.kekId === kekId)?.count ?? 0,
      systemKeys: systemKeys.find((k) => k.kekId === kekId)?.count ?? 0,
    };
  });
  const rows = (u: KekUsage) => u.keys + u.systemKeys;
  const order = { current: 0, previous: 1, missing: 2 };
  kekIds.sort((a, b) => order[a.role] - order[b.role] || a.kekId.localeCompare(b.kekId));
  return {
    currentKekId: ring.current.id,
    kekIds,
    remaining: kekIds.filter((u) => u.role === "previous").reduce((n, u) => n + rows(u), 0),
    unreadable: kekIds.filter((u) => u.role === "missing").reduce((n, u) => n + rows(u), 0),
    total: kekIds.reduce((n, u) => n + rows(u), 0),
    droppable: kekIds.filter((u) => u.role === "previous" && rows(u) === 0).map((u) => u.kekId),
  };
}

export async function getKekStatus(actor: Actor): Promise<KekStatus> {
  await authorizeInstanceAdmin(actor, "kek.viewed");
  return readKekStatus();
}

export interface BatchResult {
  rewrapped: number;
  status: KekStatus;
}

/** Re-wraps up to `batchSize` rows under the current KEK, in one audited transaction. */
export async function rewrapBatch(
  actor: Actor,
  batchSize = DEFAULT_BATCH_SIZE,
): Promise<BatchResult> {
  await authorizeInstanceAdmin(actor, "kek.rewrapped");
  const ring = keyring();
  const previousIds = [...ring.byId.keys()].filter((id) => id !== ring.current.id);
  const before = await readKekStatus();
  if (before.remaining === 0) return { rewrapped: 0, status: before };

  const rewrapped = await runAudited(actor, null, "kek.rewrapped", async (tx) => {
    const from: Record<string, number> = {};
    let count = 0;
    for (const table of tables) {
      const rows = await claimWrappedRows(tx, table, previousIds, batchSize - count);
      for (const row of rows) {
        const plaintext = unwrap(
          ring.byId.get(row.kekId)!,
          Buffer.from(row.privateCiphertext),
          row.scope,
          row.id,
        );
        const ciphertext = wrap(ring.current, plaintext, row.scope, row.id);
        plaintext.fill(0);
        await storeRewrapped(tx, table, row.id, new Uint8Array(ciphertext), ring.current.id);
        from[row.kekId] = (from[row.kekId] ?? 0) + 1;
        count++;
      }
      if (count >= batchSize) break;
    }
    // Per-process caches of signing material hold the old ciphertext and KEK id: every
    // instance drops them when this commits (the same signal as any tenant change).
    if (count > 0) await announceJwksChange(tx, ALL_TENANTS);
    return {
      result: count,
      audit: {
        targetType: "kek",
        targetId: ring.current.id,
        details: { toKekId: ring.current.id, fromKekIds: from, count },
      },
    };
  });
  if (rewrapped > 0) tenantChanged(ALL_TENANTS);
  const status = await readKekStatus();
  logger.info({ rewrapped, remaining: status.remaining, kekId: status.currentKekId }, "kek batch");
  return { rewrapped, status };
}

/** Re-wraps everything wrapped by a previous KEK, batch by batch (the CLI's loop). */
export async function rewrapAll(
  actor: Actor,
  options: { batchSize?: number; onBatch?: (result: BatchResult) => void } = {},
): Promise<KekStatus> {
  for (;;) {
    const result = await rewrapBatch(actor, options.batchSize);
    options.onBatch?.(result);
    if (result.rewrapped === 0 || result.status.remaining === 0) return result.status;
  }
}
