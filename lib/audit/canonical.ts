import crypto from "node:crypto";

// The canonical form of an audit event, defined once. An auditor recomputes a chain with:
//   hash = sha256_hex(prev_hash + "\n" + canonical)
// where canonical is JSON (no whitespace) of the fields below in this order, details with
// object keys sorted recursively, created_at as ISO-8601 UTC with milliseconds, and
// prev_hash of the first event 64 zeros.

export const GENESIS_HASH = "0".repeat(64);

export interface ChainedFields {
  id: bigint | number | string;
  tenantId: string | null;
  actorType: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  outcome: string;
  targetType: string | null;
  targetId: string | null;
  kid: string | null;
  ip: string | null;
  details: unknown;
  createdAt: Date;
}

// LIMITATION: keys of details that look like array indexes ("0", "12") come first in
// numeric order, as JavaScript orders them, not in plain string order; no Keyward event
// uses such keys, and an auditor's script in another language must not meet one.

/** JSON with object keys sorted recursively and no whitespace: how details are hashed. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value ?? {}));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  // Verification hashes every event: a plain loop over sorted keys, no intermediate arrays.
  const source = value as Record<string, unknown>;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(source).sort()) {
    if (source[key] !== undefined) sorted[key] = sortKeys(source[key]);
  }
  return sorted;
}

export function canonicalize(event: ChainedFields): string {
  return JSON.stringify([
    String(event.id),
    event.createdAt.toISOString(),
    event.tenantId,
    event.actorType,
    event.actorId,
    event.actorLabel,
    event.action,
    event.outcome,
    event.targetType,
    event.targetId,
    event.kid,
    event.ip,
    sortKeys(event.details ?? {}),
  ]);
}

export function chainHash(prevHash: string, event: ChainedFields): string {
  return crypto
    .createHash("sha256")
    .update(`${prevHash}\n${canonicalize(event)}`)
    .digest("hex");
}
