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

export function isSigningAlgorithm(value: unknown): value is SigningAlgorithm {
  return typeof value === "string" && (signingAlgorithms as readonly string[]).includes(value);
}

export function isRsaAlgorithm(alg: string): boolean {
  return alg.startsWith("RS") || alg.startsWith("PS");
}

export function keyTypeOf(alg: SigningAlgorithm): "RSA" | "EC" | "OKP" {
  if (isRsaAlgorithm(alg)) return "RSA";
  return alg === "EdDSA" ? "OKP" : "EC";
}

export function describeAlgorithm(alg: string, modulusLength?: number | null): string {
  const curves: Record<string, string> = {
    ES256: "ECDSA P-256",
    ES384: "ECDSA P-384",
    ES512: "ECDSA P-521",
    EdDSA: "Ed25519",
  };
  if (curves[alg]) return `${alg} · ${curves[alg]}`;
  const family = alg.startsWith("PS") ? "RSA-PSS" : "RSA";
  return modulusLength ? `${alg} · ${family} ${modulusLength}` : `${alg} · ${family}`;
}
