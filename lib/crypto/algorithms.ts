// The algorithms Keyward can generate, and what each needs. Shared by the console's
// forms, the API's validation and the generator, so the three never disagree.

export const signingAlgorithms = [
  "RS256",
  "RS384",
  "RS512",
  "PS256",
  "PS384",
  "PS512",
  "ES256",
  "ES384",
  "ES512",
  "EdDSA",
] as const;

export type SigningAlgorithm = (typeof signingAlgorithms)[number];

export const rsaModulusLengths = [2048, 3072, 4096] as const;
export type RsaModulusLength = (typeof rsaModulusLengths)[number];

// Symmetric secrets: HMAC keys sign (never published); A256GCM encrypts and cannot sign.
export const macAlgorithms = ["HS256", "HS384", "HS512"] as const;
export const symmetricAlgorithms = [...macAlgorithms, "A256GCM"] as const;
export type SymmetricAlgorithm = (typeof symmetricAlgorithms)[number];

/** Everything a key can be generated or imported for. */
export const keyAlgorithms = [...signingAlgorithms, ...symmetricAlgorithms] as const;
export type KeyAlgorithm = (typeof keyAlgorithms)[number];

/** What the sign path accepts: asymmetric signers and HMAC. */
export const tokenSigningAlgorithms = [...signingAlgorithms, ...macAlgorithms] as const;

export function isSymmetricAlgorithm(value: unknown): value is SymmetricAlgorithm {
  return typeof value === "string" && (symmetricAlgorithms as readonly string[]).includes(value);
}

/** JWK `use` of a key: A256GCM encrypts, everything else signs. */
export function useOf(alg: string): "sig" | "enc" {
  return alg === "A256GCM" ? "enc" : "sig";
}

export function isSigningAlgorithm(value: unknown): value is SigningAlgorithm {
  return typeof value === "string" && (signingAlgorithms as readonly string[]).includes(value);
}

export function isRsaAlgorithm(alg: string): boolean {
  return alg.startsWith("RS") || alg.startsWith("PS");
}

export function keyTypeOf(alg: KeyAlgorithm): "RSA" | "EC" | "OKP" | "oct" {
  if (isSymmetricAlgorithm(alg)) return "oct";
  if (isRsaAlgorithm(alg)) return "RSA";
  return alg === "EdDSA" ? "OKP" : "EC";
}

export function describeAlgorithm(alg: string, modulusLength?: number | null): string {
  const curves: Record<string, string> = {
    ES256: "ECDSA P-256",
    ES384: "ECDSA P-384",
    ES512: "ECDSA P-521",
    EdDSA: "Ed25519",
    HS256: "HMAC SHA-256 secret",
    HS384: "HMAC SHA-384 secret",
    HS512: "HMAC SHA-512 secret",
    A256GCM: "AES-256-GCM secret",
  };
  if (curves[alg]) return `${alg} · ${curves[alg]}`;
  const family = alg.startsWith("PS") ? "RSA-PSS" : "RSA";
  return modulusLength ? `${alg} · ${family} ${modulusLength}` : `${alg} · ${family}`;
}
