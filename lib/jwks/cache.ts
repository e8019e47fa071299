import { ALL_TENANTS, onTenantChanged } from "../cache/tenant-changes";
import { listPublishedKeys } from "../db/keys";
import { logger } from "../logger";
import {
  buildCertificateDocuments,
  buildDiscoveryDocument,
  buildJwksDocument,
  certificateUrlFor,
  type ServedDocument,
} from "./document";

// Per-process cache of each tenant's public documents, kept on globalThis so the custom
// server and Next's bundles share one. It is only ever a cache: everything here can be
// rebuilt from the database, and invalidations arrive by NOTIFY from every instance.

export interface TenantDocuments {
  /** For usage counting: requests name the slug, counters the tenant id. */
  tenantId: string;
  jwks: ServedDocument;
  discovery: ServedDocument;
  /** Certificate chains (PEM) of published keys that have one, by kid. */
  certificates: Map<string, ServedDocument>;
}

interface Entry {
  generation: number;
  value?: TenantDocuments | null;
  loading?: Promise<TenantDocuments | null>;
  /** Last good documents, served if the database cannot be read. */
  lastKnown?: TenantDocuments;
  expiresAt?: number;
}

// Unknown slugs are remembered briefly so a flood of them does not reach the database.
const MISSING_TTL_MS = 5_000;

export class JwksCache {
  private entries = new Map<string, Entry>();

  constructor(
    private readonly publicUrl: string,
    private readonly load = listPublishedKeys,
  ) {}

  /** The cached documents, or undefined when they must be loaded first. */
  peek(slug: string): TenantDocuments | null | undefined {
    const entry = this.entries.get(slug);
    if (!entry || entry.value === undefined) return undefined;
    if (entry.value === null && (entry.expiresAt ?? 0) < Date.now()) return undefined;
    return entry.value;
  }

  async get(slug: string): Promise<TenantDocuments | null> {
    const cached = this.peek(slug);
    if (cached !== undefined) return cached;
    let entry = this.entries.get(slug);
    if (!entry) {
      entry = { generation: 0 };
      this.entries.set(slug, entry);
    }
    entry.loading ??= this.fill(slug, entry);
    return entry.loading;
  }

  invalidate(slug: string) {
    const entry = this.entries.get(slug);
    if (!entry) return;
    entry.generation += 1;
    entry.value = undefined;
    entry.loading = undefined;
  }

  clear() {
    for (const slug of this.entries.keys()) this.invalidate(slug);
  }

  private async fill(slug: string, entry: Entry): Promise<TenantDocuments | null> {
    const generation = entry.generation;
    try {
      const tenant = await this.load(slug);
      const value = tenant
        ? {
            tenantId: tenant.id,
            jwks: buildJwksDocument(tenant.keys, tenant.jwksMaxAgeSeconds, (kid) =>
              certificateUrlFor(this.publicUrl, tenant.slug, kid),
            ),
            certificates: buildCertificateDocuments(tenant.keys, tenant.jwksMaxAgeSeconds),
            discovery: buildDiscoveryDocument(
              tenant,
              tenant.keys,
              this.publicUrl,
              tenant.jwksMaxAgeSeconds,
            ),
          }
        : null;
      // An invalidation during the read means the read may predate the change: drop it.
      if (entry.generation === generation) {
        entry.value = value;
        entry.expiresAt = Date.now() + MISSING_TTL_MS;
        if (value) entry.lastKnown = value;
      }
      return value;
    } catch (error) {
      logger.error({ slug, err: (error as Error).message }, "jwks load failed");
      if (entry.lastKnown) return entry.lastKnown;
      throw error;
    } finally {
      if (entry.generation === generation) entry.loading = undefined;
    }
  }
}

const globalKey = Symbol.for("keyward.jwks-cache");
const store = globalThis as typeof globalThis & { [globalKey]?: JwksCache };

export function jwksCache(publicUrl?: string): JwksCache {
  if (!store[globalKey]) {
    if (!publicUrl) throw new Error("The JWKS cache was used before the server created it.");
    const cache = new JwksCache(publicUrl);
    onTenantChanged((slug) => (slug === ALL_TENANTS ? cache.clear() : cache.invalidate(slug)));
    store[globalKey] = cache;
  }
  return store[globalKey];
}
