import { OTHER_FAMILY, userAgentFamily } from "./user-agent";

// In-memory aggregation of usage, flushed as per-minute increments (./flusher.ts). Counting
// runs inside request handlers, so it never awaits, never touches the database and, once a
// counter exists for the minute, allocates nothing but its lookup key.

export const usageKinds = {
  signature: "signature",
  verification: "verification",
  jwksFetch: "jwks_fetch",
  jwksNotModified: "jwks_not_modified",
} as const;

export type UsageKind = (typeof usageKinds)[keyof typeof usageKinds];

export interface CounterRow {
  tenantId: string;
  /** The key's id (uuid), or "" for tenant-level counters. */
  keyId: string;
  kind: UsageKind;
  /** "" except for JWKS fetches. */
  uaFamily: string;
  /** Start of the minute, in epoch milliseconds. */
  minute: number;
  count: number;
}

export interface LastUse {
  tenantId: string;
  keyId: string;
  at: number;
}

export interface UsageBatch {
  counters: CounterRow[];
  lastUsed: LastUse[];
}

const MINUTE_MS = 60_000;

/** Distinct User-Agent families kept per tenant and minute; the rest count as "other". */
export const UA_FAMILIES_PER_MINUTE = 20;

/** Pending rows held while the database is unreachable; beyond this, increments are dropped. */
export const MAX_PENDING_ROWS = 100_000;

export class UsageRecorder {
  private counters = new Map<string, CounterRow>();
  private lastUsed = new Map<string, LastUse>();
  private families = new Map<string, Set<string>>();
  private familiesMinute = 0;
  private dropped = 0;

  constructor(private readonly clock: () => number = Date.now) {}

  countSignature(tenantId: string, keyId: string) {
    this.countKeyUse(tenantId, keyId, usageKinds.signature);
  }

  countVerification(tenantId: string, keyId: string) {
    this.countKeyUse(tenantId, keyId, usageKinds.verification);
  }

  /** Every JWKS request counts as a fetch; a 304 also counts as not-modified. */
  countJwksFetch(tenantId: string, userAgent: string | undefined, notModified: boolean) {
    const now = this.clock();
    const minute = now - (now % MINUTE_MS);
    const family = this.familyFor(tenantId, minute, userAgentFamily(userAgent));
    this.add(tenantId, "", usageKinds.jwksFetch, family, minute, 1);
    if (notModified) this.add(tenantId, "", usageKinds.jwksNotModified, family, minute, 1);
  }

  /** Takes everything counted so far; the recorder starts empty. */
  drain(): UsageBatch {
    const batch = { counters: [...this.counters.values()], lastUsed: [...this.lastUsed.values()] };
    this.counters = new Map();
    this.lastUsed = new Map();
    return batch;
  }

  /** Puts back a batch whose flush failed, so the next flush retries it. */
  restore(batch: UsageBatch) {
    for (const row of batch.counters) {
      this.add(row.tenantId, row.keyId, row.kind, row.uaFamily, row.minute, row.count);
    }
    for (const use of batch.lastUsed) this.touch(use.tenantId, use.keyId, use.at);
  }

  get pendingRows(): number {
    return this.counters.size;
  }

  /** Increments dropped because the pending set was full; reset when read. */
  takeDropped(): number {
    const dropped = this.dropped;
    this.dropped = 0;
    return dropped;
  }

  private countKeyUse(tenantId: string, keyId: string, kind: UsageKind) {
    const now = this.clock();
    this.add(tenantId, keyId, kind, "", now - (now % MINUTE_MS), 1);
    this.touch(tenantId, keyId, now);
  }

  private touch(tenantId: string, keyId: string, at: number) {
    const known = this.lastUsed.get(keyId);
    if (!known) this.lastUsed.set(keyId, { tenantId, keyId, at });
    else if (known.at < at) known.at = at;
  }

  private add(
    tenantId: string,
    keyId: string,
    kind: UsageKind,
    uaFamily: string,
    minute: number,
    count: number,
  ) {
    const id = `${tenantId}|${keyId}|${kind}|${uaFamily}|${minute}`;
    const row = this.counters.get(id);
    if (row) {
      row.count += count;
      return;
    }
    // LIMITATION: while the database is unreachable long enough to fill the pending set,
    // new counters are dropped (and logged by the flusher); totals for that time are low.
    if (this.counters.size >= MAX_PENDING_ROWS) {
      this.dropped += count;
      return;
    }
    this.counters.set(id, { tenantId, keyId, kind, uaFamily, minute, count });
  }

  // Families are bounded per tenant and minute, so random User-Agent headers cannot turn
  // into unbounded rows.
  private familyFor(tenantId: string, minute: number, family: string): string {
    if (minute !== this.familiesMinute) {
      this.families = new Map();
      this.familiesMinute = minute;
    }
    let seen = this.families.get(tenantId);
    if (!seen) {
      seen = new Set();
      this.families.set(tenantId, seen);
    }
    if (seen.has(family)) return family;
    if (seen.size >= UA_FAMILIES_PER_MINUTE) return OTHER_FAMILY;
    seen.add(family);
    return family;
  }
}
