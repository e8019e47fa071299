export interface TenantRow {
  slug: string;
  name: string;
  issuer: string;
  jwksMaxAgeSeconds: number;
  verifierCacheSeconds: number;
  maxTokenLifetimeSeconds: number;
  clockSkewSeconds: number;
  createdAt: Date;
}

export function presentTenant(tenant: TenantRow) {
  return {
    slug: tenant.slug,
    name: tenant.name,
    issuer: tenant.issuer,
    jwksMaxAgeSeconds: tenant.jwksMaxAgeSeconds,
    verifierCacheSeconds: tenant.verifierCacheSeconds,
    maxTokenLifetimeSeconds: tenant.maxTokenLifetimeSeconds,
    clockSkewSeconds: tenant.clockSkewSeconds,
    createdAt: tenant.createdAt.toISOString(),
  };
}
