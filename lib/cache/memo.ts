import { onTenantChanged } from "./tenant-changes";

// A per-process read-through cache for hot paths (signing, token authentication). It
// holds only what the database can give again, and empties itself on any tenant change
// notification, so a revoked token or key stops working everywhere within the NOTIFY
// delay. Bounded: past `maxEntries` it starts over rather than grow.

export class ChangeAwareMemo<V> {
  private entries = new Map<string, Promise<V>>();

  constructor(private readonly maxEntries = 10_000) {
    onTenantChanged(() => this.entries.clear());
  }

  get(key: string, load: () => Promise<V>): Promise<V> {
    let entry = this.entries.get(key);
    if (!entry) {
      if (this.entries.size >= this.maxEntries) this.entries.clear();
      entry = load();
      this.entries.set(key, entry);
      entry.catch(() => this.entries.delete(key));
    }
    return entry;
  }

  clear() {
    this.entries.clear();
  }
}

/** One memo per name per process, shared by the custom server's and Next's module copies. */
export function sharedMemo<V>(name: string): ChangeAwareMemo<V> {
  const key = Symbol.for(`keyward.memo.${name}`);
  const store = globalThis as typeof globalThis & Record<symbol, ChangeAwareMemo<V> | undefined>;
  return (store[key] ??= new ChangeAwareMemo<V>());
}
