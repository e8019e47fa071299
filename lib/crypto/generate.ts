import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from "jose";
import {
  isRsaAlgorithm,
  keyTypeOf,
  type RsaModulusLength,
  type SigningAlgorithm,
} from "./algorithms";

export interface GeneratedKey {
  kid: string;
  kty: string;
  alg: SigningAlgorithm;
  publicJwk: JWK;
  /** Plaintext private JWK: wrap it immediately, never store or log it. */
  privateJwk: JWK;
}

const publicMembers: Record<string, string[]> = {
  RSA: ["kty", "n", "e"],
  EC: ["kty", "crv", "x", "y"],
  OKP: ["kty", "crv", "x"],
};

/** The public members only, with kid/alg/use, in a fixed order. */
export function toPublicJwk(jwk: JWK, meta: { kid: string; alg: string; use: string }): JWK {
  const members = publicMembers[jwk.kty ?? ""];
  if (!members) throw new Error(`Unsupported key type ${jwk.kty}`);
  const out: JWK = { kid: meta.kid, use: meta.use, alg: meta.alg };
  for (const name of members) {
    const value = (jwk as Record<string, unknown>)[name];
    if (typeof value === "string") (out as Record<string, unknown>)[name] = value;
  }
  return out;
}

export async function thumbprintOf(jwk: JWK): Promise<string> {
  return calculateJwkThumbprint(jwk, "sha256");
}

/** Generates off the event loop's critical path (RSA-4096 takes over a second). */
export async function generateSigningKey(
  alg: SigningAlgorithm,
  modulusLength: RsaModulusLength = 2048,
): Promise<GeneratedKey> {
  const options = isRsaAlgorithm(alg)
    ? { modulusLength, extractable: true }
    : alg === "EdDSA"
      ? { crv: "Ed25519", extractable: true }
      : { extractable: true };
  const { publicKey, privateKey } = await generateKeyPair(alg, options);
  const rawPublic = await exportJWK(publicKey);
  const kid = await thumbprintOf(rawPublic);
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg };
  return {
    kid,
    kty: keyTypeOf(alg),
    alg,
    publicJwk: toPublicJwk(rawPublic, { kid, alg, use: "sig" }),
    privateJwk,
  };
}
