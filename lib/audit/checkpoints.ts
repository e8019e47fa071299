import crypto from "node:crypto";
import { CompactSign, compactVerify, importJWK, type JWK } from "jose";
import { generateSigningKey } from "../crypto/generate";
import { unwrap, wrap } from "../crypto/kek";
import { keyring } from "../crypto/keyring";
import {
  findLatestCheckpoint,
  insertCheckpoint,
  listCheckpoints,
  lockCheckpoints,
} from "../db/audit-checkpoints";
import { countChainEvents, findChainHead } from "../db/audit-events";
import { db } from "../db/client";
import { findSigningSystemKey, insertSystemKey, listSystemPublicKeys } from "../db/system-keys";
import type { DbClient } from "../db/types";
import { conflict } from "../errors";
import type { Anchor } from "./verify";
import { verifyChain } from "./verify";

// A checkpoint is a JWS (EdDSA, Ed25519) over the chain head: the id and hash of the newest
// event and how many events lead to it. An auditor who keeps one elsewhere can later prove
// that nothing up to that event changed, even against someone who recomputed every hash:
// they cannot sign without the system key, which is wrapped under the KEK like tenant keys.

export const CHECKPOINT_PURPOSE = "audit-checkpoint";
export const CHECKPOINT_TYPE = "keyward-audit-checkpoint+jws";
/** The tenant slot of the wrapping's additional data: system keys belong to no tenant. */
const SYSTEM_SLOT = "system";

export interface CheckpointPayload {
  v: 1;
  headId: string;
  headHash: string;
  count: number;
  iat: number;
}

export interface CheckpointView {
  id: string;
  headId: string;
  headHash: string;
  count: number;
  kid: string;
  createdAt: string;
  jws: string;
}

type CheckpointRow = NonNullable<Awaited<ReturnType<typeof findLatestCheckpoint>>>;

export function presentCheckpoint(row: CheckpointRow): CheckpointView {
  return {
    id: row.id.toString(),
    headId: row.headId.toString(),
    headHash: row.headHash,
    count: Number(row.count),
    kid: row.kid,
    createdAt: row.createdAt.toISOString(),
    jws: row.jws,
  };
}

async function signingKey(tx: DbClient) {
  const existing = await findSigningSystemKey(tx, CHECKPOINT_PURPOSE);
  const ring = keyring();
  if (existing) {
    const kek = ring.byId.get(existing.kekId);
    if (!kek) throw new Error("The key-encryption key that wrapped the checkpoint key is missing.");
    const plaintext = unwrap(
      kek,
      Buffer.from(existing.privateCiphertext),
      SYSTEM_SLOT,
      existing.id,
    );
    const jwk = JSON.parse(plaintext.toString("utf8")) as JWK;
    plaintext.fill(0);
    return { kid: existing.kid, key: await importJWK(jwk, "EdDSA", { extractable: false }) };
  }

  const material = await generateSigningKey("EdDSA");
  const id = crypto.randomUUID();
  const plaintext = Buffer.from(JSON.stringify(material.privateJwk));
  const ciphertext = wrap(ring.current, plaintext, SYSTEM_SLOT, id);
  plaintext.fill(0);
  await insertSystemKey(tx, {
    id,
    purpose: CHECKPOINT_PURPOSE,
    kid: material.kid,
    alg: "EdDSA",
    publicJwk: material.publicJwk,
    privateCiphertext: new Uint8Array(ciphertext),
    kekId: ring.current.id,
  });
  return { kid: material.kid, key: await importJWK(material.privateJwk, "EdDSA") };
}

// LIMITATION: in-app verification trusts the public keys in system_keys; someone with
// database access could add a key of their own and sign forged checkpoints with it. An
// auditor who pinned the published key (or kept a checkpoint file) is not fooled.
// Checkpoint creation writes no audit event: the event would move the head it signs.

/** The public keys that sign checkpoints, as a JWK set (safe to publish). */
export async function checkpointKeySet(client?: DbClient): Promise<{ keys: JWK[] }> {
  const rows = await listSystemPublicKeys(CHECKPOINT_PURPOSE, client);
  return { keys: rows.map((row) => row.publicJwk as JWK) };
}

/** Checks a checkpoint's signature against a key set; returns its payload or throws. */
export async function verifyCheckpointJws(
  jws: string,
  keySet: { keys: JWK[] },
): Promise<CheckpointPayload> {
  const { payload, protectedHeader } = await compactVerify(jws, async (header) => {
    const jwk = keySet.keys.find((k) => k.kid === header.kid);
    if (!jwk || header.alg !== "EdDSA") throw new Error("unknown checkpoint key");
    return importJWK(jwk, "EdDSA");
  });
  if (protectedHeader.typ !== CHECKPOINT_TYPE) throw new Error("not a Keyward audit checkpoint");
  const parsed = JSON.parse(new TextDecoder().decode(payload)) as CheckpointPayload;
  if (parsed.v !== 1 || !/^\d+$/.test(parsed.headId) || !/^[0-9a-f]{64}$/.test(parsed.headHash)) {
    throw new Error("checkpoint payload is malformed");
  }
  return parsed;
}

/**
 * The stored checkpoints whose signatures verify, as anchors for chain verification. A
 * checkpoint row that does not verify is itself evidence of tampering.
 */
export async function trustedAnchors(
  client?: DbClient,
): Promise<{ anchors: Anchor[]; forged: { id: string; headId: string } | null }> {
  const [rows, keySet] = await Promise.all([listCheckpoints(client), checkpointKeySet(client)]);
  const anchors: Anchor[] = [];
  for (const row of rows) {
    try {
      const payload = await verifyCheckpointJws(row.jws, keySet);
      anchors.push({
        headId: BigInt(payload.headId),
        headHash: payload.headHash,
        label: `signed checkpoint ${row.id}`,
      });
    } catch {
      return { anchors, forged: { id: row.id.toString(), headId: row.headId.toString() } };
    }
  }
  return { anchors, forged: null };
}

export interface CheckpointOptions {
  /** Wait for another instance's checkpoint to finish (on demand) or skip (the timer). */
  wait: boolean;
  /** Skip when the newest checkpoint is younger than this (the daily timer). */
  maxAgeMs?: number;
  now?: Date;
}

/**
 * Signs the current chain head, after verifying the events since the previous checkpoint
 * (Keyward never signs a chain it cannot vouch for). Returns the newest checkpoint when
 * the head is already signed, and null when there is nothing to do.
 */
export async function createCheckpoint(options: CheckpointOptions): Promise<CheckpointView | null> {
  const prisma = await db();
  const now = options.now ?? new Date();
  const row = await prisma.$transaction(
    async (tx) => {
      if (!(await lockCheckpoints(tx, options.wait))) return null;
      const latest = await findLatestCheckpoint(tx);
      if (options.maxAgeMs !== undefined && latest) {
        if (now.getTime() - latest.createdAt.getTime() < options.maxAgeMs) return null;
      }
      const head = await findChainHead(tx);
      if (!head) return null;
      if (latest && latest.headId === head.id) return latest;

      let from = null;
      if (latest) {
        const payload = await verifyCheckpointJws(latest.jws, await checkpointKeySet(tx)).catch(
          () => {
            throw conflict(`Checkpoint ${latest.id} does not carry a valid signature.`);
          },
        );
        from = { id: BigInt(payload.headId), hash: payload.headHash };
        if (from.id > head.id) {
          throw conflict(
            `The chain ends before event ${from.id}, which checkpoint ${latest.id} signed.`,
          );
        }
      }
      const verdict = await verifyChain({ client: tx, from: from ?? undefined, upTo: head.id });
      if (!verdict.ok) {
        throw conflict(
          `The audit chain is broken at event ${verdict.firstBrokenId}; Keyward will not sign it. Run "Verify chain" for details.`,
        );
      }

      const count = await countChainEvents(head.id, tx);
      const { kid, key } = await signingKey(tx);
      const payload: CheckpointPayload = {
        v: 1,
        headId: head.id.toString(),
        headHash: head.hash,
        count,
        iat: Math.floor(now.getTime() / 1000),
      };
      const jws = await new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
        .setProtectedHeader({ alg: "EdDSA", kid, typ: CHECKPOINT_TYPE })
        .sign(key);
      return insertCheckpoint(tx, {
        headId: head.id,
        headHash: head.hash,
        count: BigInt(count),
        kid,
        jws,
        createdAt: now,
      });
    },
    { timeout: 300_000, maxWait: 60_000 },
  );
  return row ? presentCheckpoint(row) : null;
}

/** What an auditor downloads: the checkpoint and the keys that verify it. */
export async function checkpointDocument(checkpoint: CheckpointView) {
  return {
    type: CHECKPOINT_TYPE,
    checkpoint,
    keys: await checkpointKeySet(),
    howToVerify:
      "Verify `checkpoint.jws` (EdDSA/Ed25519) with the key in `keys` whose kid matches; its payload names the chain head (headId, headHash) and the number of events up to it. Recompute the chain from an export: the event with id headId must have hash headHash.",
  };
}
