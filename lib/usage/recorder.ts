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

// tenant id → subject (key id, or User-Agent family for JWKS kinds) → minute → row. Nested
// maps keyed by strings the callers already hold (cached tenant ids, key ids, families)
// avoid building a composite key per request, which cost ~1.5 µs in a first version.
type Rows = Map<string, Map<string, Map<number, CounterRow>>>;

const emptyRows = (): Record<UsageKind, Rows> => ({
  signature: new Map(),
  verification: new Map(),
  jwks_fetch: new Map(),
  jwks_not_modified: new Map(),
});

// Reading the clock costs ~190 ns on this kind of VM, more than the rest of a count; like
// Node's own Date header, the default clock is refreshed on a timer (buckets and last use
// are then exact to about 250 ms, far finer than a minute bucket needs).
const COARSE_CLOCK_MS = 250;
let coarseNow = 0;
let coarseTimer: NodeJS.Timeout | undefined;

export function coarseClock(): number {
  if (!coarseTimer) {
    coarseNow = Date.now();
    coarseTimer = setInterval(() => (coarseNow = Date.now()), COARSE_CLOCK_MS);
    coarseTimer.unref();
  }
  return coarseNow;
}

export class UsageRecorder {
  private rows = emptyRows();
  private size = 0;
  private lastUsed = new Map<string, LastUse>();
  private families = new Map<string, Set<string>>();
  private familiesMinute = 0;
  private dropped = 0;

  constructor(private readonly clock: () => number = coarseClock) {}

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
    this.add(usageKinds.jwksFetch, tenantId, family, minute, 1);
    if (notModified) this.add(usageKinds.jwksNotModified, tenantId, family, minute, 1);
  }

  /** Takes everything counted so far; the recorder starts empty. */
  drain(): UsageBatch {
    const counters: CounterRow[] = [];
    for (const byTenant of Object.values(this.rows)) {
      for (const bySubject of byTenant.values()) {
        for (const byMinute of bySubject.values()) counters.push(...byMinute.values());
      }
    }
    const batch = { counters, lastUsed: [...this.lastUsed.values()] };
    this.rows = emptyRows();
    this.size = 0;
    this.lastUsed = new Map();
    return batch;
  }

  /** Puts back a batch whose flush failed, so the next flush retries it. */
  restore(batch: UsageBatch) {
    for (const row of batch.counters) {
      const subject = row.keyId || row.uaFamily;
      this.add(row.kind, row.tenantId, subject, row.minute, row.count);
    }
    for (const use of batch.lastUsed) this.touch(use.tenantId, use.keyId, use.at);
  }

  get pendingRows(): number {
    return this.size;
  }

  /** Increments dropped because the pending set was full; reset when read. */
  takeDropped(): number {
    const dropped = this.dropped;
    this.dropped = 0;
    return dropped;
  }

  private countKeyUse(tenantId: string, keyId: string, kind: UsageKind) {
    const now = this.clock();
    this.add(kind, tenantId, keyId, now - (now % MINUTE_MS), 1);
    this.touch(tenantId, keyId, now);
  }

  private touch(tenantId: string, keyId: string, at: number) {
    const known = this.lastUsed.get(keyId);
    if (!known) this.lastUsed.set(keyId, { tenantId, keyId, at });
    else if (known.at < at) known.at = at;
  }

  /** `subject` is the key id for key kinds and the User-Agent family for JWKS kinds. */
  private add(kind: UsageKind, tenantId: string, subject: string, minute: number, count: number) {
    const byTenant = this.rows[kind];
    let bySubject = byTenant.get(tenantId);
    if (!bySubject) byTenant.set(tenantId, (bySubject = new Map()));
    let byMinute = bySubject.get(subject);
    if (!byMinute) bySubject.set(subject, (byMinute = new Map()));
    const row = byMinute.get(minute);
    if (row) {
      row.count += count;
      return;
    }
    // LIMITATION: while the database is unreachable long enough to fill the pending set,
    // new counters are dropped (and logged by the flusher); totals for that time are low.
    if (this.size >= MAX_PENDING_ROWS) {
      this.dropped += count;
      return;
    }
    const isJwks = kind === usageKinds.jwksFetch || kind === usageKinds.jwksNotModified;
    byMinute.set(minute, {
      tenantId,
      keyId: isJwks ? "" : subject,
      kind,
      uaFamily: isJwks ? subject : "",
      minute,
      count,
    });
    this.size += 1;
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
