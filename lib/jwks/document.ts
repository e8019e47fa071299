import crypto from "node:crypto";
import { chainToPem } from "../crypto/pem";

// Serialized once per change; requests only copy bytes.

export interface PublishedKey {
  publicJwk: unknown;
  state: string;
  alg: string;
  use: string;
  kid?: string;
  /** X.509 chain, standard base64 DER, leaf first (RFC 7517 §4.7). */
  certificateChain?: string[];
  x5tS256?: string | null;
}

/** Where a key's certificate chain is served publicly (the JWK's x5u). */
export type CertificateUrl = (kid: string) => string;

export function certificateUrlFor(publicUrl: string, slug: string, kid: string): string {
  return `${publicUrl}/t/${encodeURIComponent(slug)}/keys/${encodeURIComponent(kid)}/certificate.pem`;
}

export interface ServedDocument {
  body: Buffer;
  etag: string;
  maxAgeSeconds: number;
}

const stateOrder: Record<string, number> = { active: 0, staged: 1, retired: 2 };

export function strongEtag(body: Buffer): string {
  return `"${crypto.createHash("sha256").update(body).digest("base64url").slice(0, 32)}"`;
}

function serve(value: unknown, maxAgeSeconds: number): ServedDocument {
  const body = Buffer.from(JSON.stringify(value));
  return { body, etag: strongEtag(body), maxAgeSeconds };
}

/** The published JWK: public members, plus x5c, x5t#S256 and x5u when a certificate is attached. */
export function publishedJwk(key: PublishedKey, certificateUrl?: CertificateUrl): unknown {
  const chain = key.certificateChain ?? [];
  if (chain.length === 0 || !key.kid) return key.publicJwk;
  return {
    ...(key.publicJwk as object),
    x5c: chain,
    ...(key.x5tS256 ? { "x5t#S256": key.x5tS256 } : {}),
    ...(certificateUrl ? { x5u: certificateUrl(key.kid) } : {}),
  };
}

export function buildJwksDocument(
  keys: PublishedKey[],
  maxAgeSeconds: number,
  certificateUrl?: CertificateUrl,
): ServedDocument {
  const ordered = [...keys].sort((a, b) => (stateOrder[a.state] ?? 9) - (stateOrder[b.state] ?? 9));
  return serve({ keys: ordered.map((k) => publishedJwk(k, certificateUrl)) }, maxAgeSeconds);
}

/** Each published key's certificate chain as PEM (x5u's target), by kid. */
export function buildCertificateDocuments(
  keys: PublishedKey[],
  maxAgeSeconds: number,
): Map<string, ServedDocument> {
  const documents = new Map<string, ServedDocument>();
  for (const key of keys) {
    if (!key.kid || !key.certificateChain?.length) continue;
    const body = Buffer.from(chainToPem(key.certificateChain));
    documents.set(key.kid, { body, etag: strongEtag(body), maxAgeSeconds });
  }
  return documents;
}

export function buildDiscoveryDocument(
  tenant: { issuer: string; slug: string },
  keys: PublishedKey[],
  publicUrl: string,
  maxAgeSeconds: number,
): ServedDocument {
  const algs = [...new Set(keys.filter((k) => k.use === "sig").map((k) => k.alg))].sort();
  return serve(
    {
      issuer: tenant.issuer,
      jwks_uri: `${publicUrl}/t/${encodeURIComponent(tenant.slug)}/.well-known/jwks.json`,
      id_token_signing_alg_values_supported: algs,
      subject_types_supported: ["public"],
      response_types_supported: ["id_token"],
    },
    maxAgeSeconds,
  );
}
