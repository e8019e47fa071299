import crypto from "node:crypto";

// Serialized once per change; requests only copy bytes.

export interface PublishedKey {
  publicJwk: unknown;
  state: string;
  alg: string;
  use: string;
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

export function buildJwksDocument(keys: PublishedKey[], maxAgeSeconds: number): ServedDocument {
  const ordered = [...keys].sort((a, b) => (stateOrder[a.state] ?? 9) - (stateOrder[b.state] ?? 9));
  return serve({ keys: ordered.map((k) => k.publicJwk) }, maxAgeSeconds);
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
