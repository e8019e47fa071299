import crypto from "node:crypto";
import type { JWK } from "jose";
import { useOf, type SymmetricAlgorithm } from "./algorithms";

// Symmetric secrets. Invariants: the secret is random (CSPRNG), at least as long as the
// hash output for HMAC (RFC 7518 §3.2) and exactly 32 bytes for A256GCM; the kid is random
// because a thumbprint would publish a hash of the secret; there is never a public JWK.

/** The secret length Keyward generates, and the least it accepts on import (A256GCM: exact). */
export const secretBytes: Record<SymmetricAlgorithm, number> = {
  HS256: 32,
  HS384: 48,
  HS512: 64,
  A256GCM: 32,
};

const hmacHash: Record<string, string> = { HS256: "SHA-256", HS384: "SHA-384", HS512: "SHA-512" };

export interface SymmetricKey {
  kid: string;
  kty: "oct";
  alg: SymmetricAlgorithm;
  use: "sig" | "enc";
  publicJwk: null;
  /** Plaintext secret as a JWK: wrap it immediately, never store or log it. */
  privateJwk: JWK;
}

/** A random kid: 32 bytes, base64url, the same length as an RFC 7638 thumbprint. */
export function randomKid(): string {
  return crypto.randomBytes(32).toString("base64url");
}

export function symmetricKeyFromSecret(
  alg: SymmetricAlgorithm,
  secret: Buffer,
  kid = randomKid(),
): SymmetricKey {
  return {
    kid,
    kty: "oct",
    alg,
    use: useOf(alg),
    publicJwk: null,
    privateJwk: { kty: "oct", k: secret.toString("base64url"), alg, kid },
  };
}

export function generateSymmetricKey(alg: SymmetricAlgorithm): SymmetricKey {
  return symmetricKeyFromSecret(alg, crypto.randomBytes(secretBytes[alg]));
}

/** Why a secret of this length cannot be used with `alg`, or null when it can. */
export function secretLengthProblem(alg: SymmetricAlgorithm, length: number): string | null {
  const needed = secretBytes[alg];
  if (alg === "A256GCM" && length !== needed) {
    return `A256GCM needs a secret of exactly 32 bytes; this one has ${length}.`;
  }
  if (length < needed) {
    return `${alg} needs a secret of at least ${needed} bytes; this one has ${length}.`;
  }
  return null;
}

/**
 * Imports an HMAC secret for signing as a non-extractable CryptoKey and zeroes the bytes,
 * so only the signing path's key object holds it afterwards.
 */
export async function importHmacKey(jwk: JWK, alg: string): Promise<CryptoKey> {
  const hash = hmacHash[alg];
  if (!hash || jwk.kty !== "oct" || typeof jwk.k !== "string") {
    throw new Error(`A ${alg} key cannot sign tokens.`);
  }
  const secret = Buffer.from(jwk.k, "base64url");
  try {
    return await crypto.webcrypto.subtle.importKey("raw", secret, { name: "HMAC", hash }, false, [
      "sign",
    ]);
  } finally {
    secret.fill(0);
  }
}
