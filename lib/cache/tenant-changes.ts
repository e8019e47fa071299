// In-process fan-out of "this tenant changed" signals. Every committed tenant mutation
// sends NOTIFY (lib/jwks/changes.ts); each instance's listener, and the committing
// instance itself right after commit, call `tenantChanged`, and every per-process cache
// subscribed here drops what it holds for that tenant. "*" means "anything may have
// changed" (the listener reconnected and may have missed notifications).

type Listener = (slug: string) => void;

const globalKey = Symbol.for("keyward.tenant-change-listeners");
const store = globalThis as typeof globalThis & { [globalKey]?: Set<Listener> };
const listeners = (store[globalKey] ??= new Set());

export const ALL_TENANTS = "*";

export function onTenantChanged(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function tenantChanged(slug: string) {
  for (const listener of listeners) listener(slug);
}
