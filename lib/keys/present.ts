import type { JWK } from "jose";

// What leaves the server about a key. Built field by field so a new column never leaks
// by accident; symmetric keys carry no JWK at all.

export interface KeyRow {
  kid: string;
  kty: string;
  alg: string;
  use: string;
  state: string;
  publicJwk: unknown;
  createdAt: Date;
  activatedAt: Date | null;
  retiredAt: Date | null;
  unpublishedAt: Date | null;
  revokedAt: Date | null;
  revokeReason: string | null;
  origin?: string;
  canSign?: boolean;
  certificateChain?: string[];
  x5tS256?: string | null;
  destroyAfter?: Date | null;
  destroyApprovedAt?: Date | null;
  destroyedAt?: Date | null;
}

export function presentKey(key: KeyRow) {
  return {
    kid: key.kid,
    kty: key.kty,
    alg: key.alg,
    use: key.use,
    state: key.state,
    published: key.state === "staged" || key.state === "active" || key.state === "retired",
    createdAt: key.createdAt.toISOString(),
    activatedAt: key.activatedAt?.toISOString() ?? null,
    retiredAt: key.retiredAt?.toISOString() ?? null,
    unpublishedAt: key.unpublishedAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
    revokeReason: key.revokeReason,
    publicJwk: key.kty === "oct" ? null : (key.publicJwk as JWK | null),
    origin: key.origin ?? "generated",
    canSign: key.canSign ?? true,
    certificate: key.certificateChain?.length
      ? { length: key.certificateChain.length, x5tS256: key.x5tS256 ?? null }
      : null,
    // Who asked and who approved stay in the audit trail; here only what and when.
    destruction: key.destroyAfter
      ? {
          after: key.destroyAfter.toISOString(),
          approved: Boolean(key.destroyApprovedAt),
          approvedAt: key.destroyApprovedAt?.toISOString() ?? null,
        }
      : null,
    destroyedAt: key.destroyedAt?.toISOString() ?? null,
  };
}

export type KeyView = ReturnType<typeof presentKey>;
