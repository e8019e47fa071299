import crypto, { type KeyObject } from "node:crypto";
import { calculateJwkThumbprint, type JWK } from "jose";
import { unprocessable } from "../errors";
import {
  isSymmetricAlgorithm,
  keyAlgorithms,
  keyTypeOf,
  useOf,
  type KeyAlgorithm,
} from "./algorithms";
import { toPublicJwk } from "./generate";
import { randomKid, secretLengthProblem } from "./symmetric";
import { decodeX5c, validateChain, type CertificateChain } from "./x509";

// Parsing and strict validation of keys brought from elsewhere; no database. Invariants:
// every refusal is one sentence that never quotes key material (only names we recognise
// are echoed); a key is accepted only if its algorithm fits its type and curve, RSA is at
// least 2048 bits, and a private half provably matches its public half (a signature made
// with one verifies with the other). Plaintext private JWKs leave here only to be wrapped.

export const MAX_JWKS_ENTRIES = 100;
const MIN_RSA_BITS = 2048;
const MAX_RSA_BITS = 8192;

export type ImportFormat = "pkcs8" | "pkcs1" | "sec1" | "spki" | "jwk";

export interface ParsedKey {
  kid: string;
  kty: "RSA" | "EC" | "OKP" | "oct";
  alg: KeyAlgorithm;
  use: "sig" | "enc";
  format: ImportFormat;
  /** Null for symmetric secrets, which are never published. */
  publicJwk: JWK | null;
  /** Plaintext private JWK (or secret): wrap it immediately, never store or log it. */
  privateJwk: JWK | null;
  canSign: boolean;
  modulusLength: number | null;
  /** RFC 7638 thumbprint of the public key, to find the same key under another kid. */
  thumbprint: string | null;
  certificate: CertificateChain | null;
  warnings: string[];
}

export type EntryOutcome =
  { index: number; key: ParsedKey } | { index: number; refusal: string; kid?: string };

// Names from the JOSE registries (and common curve names) that a refusal may quote. A value
// outside this list is never echoed: it might be a secret pasted into the wrong member.
const knownNames = new Set(
  [
    "RSA EC OKP oct AKP DSA DH sig enc",
    "HS256 HS384 HS512 RS256 RS384 RS512 PS256 PS384 PS512 ES256 ES384 ES512 ES256K EdDSA",
    "Ed25519 Ed448 none RSA1_5 RSA-OAEP RSA-OAEP-256 RSA-OAEP-384 RSA-OAEP-512 dir",
    "A128KW A192KW A256KW A128GCMKW A192GCMKW A256GCMKW A128GCM A192GCM A256GCM",
    "ECDH-ES ECDH-ES+A128KW ECDH-ES+A192KW ECDH-ES+A256KW PBES2-HS256+A128KW",
    "A128CBC-HS256 A192CBC-HS384 A256CBC-HS512 ML-DSA-44 ML-DSA-65 ML-DSA-87",
    "P-256 P-384 P-521 X25519 X448 secp256k1 brainpoolP256r1 brainpoolP384r1 brainpoolP512r1",
  ]
    .join(" ")
    .split(" "),
);

/** A sentence naming a user-supplied value when it is a registered name, else without it. */
export function naming(
  value: unknown,
  withName: (quoted: string) => string,
  without: string,
): string {
  return typeof value === "string" && knownNames.has(value) ? withName(`"${value}"`) : without;
}

const typeName = (kty: string) => (kty === "oct" ? "oct (secret)" : kty);

const supportedCurves: Record<string, string[]> = {
  EC: ["P-256", "P-384", "P-521"],
  OKP: ["Ed25519"],
};
const curveAlg: Record<string, KeyAlgorithm> = {
  "P-256": "ES256",
  "P-384": "ES384",
  "P-521": "ES512",
  Ed25519: "EdDSA",
};
const publicMembers: Record<string, string[]> = {
  RSA: ["kty", "n", "e"],
  EC: ["kty", "crv", "x", "y"],
  OKP: ["kty", "crv", "x"],
};
const privateMembers: Record<string, string[]> = {
  RSA: ["d", "p", "q", "dp", "dq", "qi"],
  EC: ["d"],
  OKP: ["d"],
};

function pick(jwk: Record<string, unknown>, names: string[]): JWK {
  const out: Record<string, unknown> = {};
  for (const name of names) if (jwk[name] !== undefined) out[name] = jwk[name];
  return out as JWK;
}

function isBase64url(value: unknown): value is string {
  return typeof value === "string" && value.length > 0 && /^[A-Za-z0-9_-]+$/.test(value);
}

function bitLength(base64url: string): number {
  const bytes = Buffer.from(base64url, "base64url");
  let start = 0;
  while (start < bytes.length && bytes[start] === 0) start++;
  if (start === bytes.length) return 0;
  return (bytes.length - start - 1) * 8 + (32 - Math.clz32(bytes[start]));
}

function resolveAlgorithm(
  jwk: Record<string, unknown>,
  kty: string,
  requested: string | undefined,
): KeyAlgorithm {
  const own = jwk.alg;
  if (own !== undefined && typeof own !== "string") throw unprocessable("alg must be a string.");
  if (own && requested && own !== requested) {
    throw unprocessable(
      naming(
        own,
        (name) => `The key says alg ${name} but the request asks for another one.`,
        "The key's own alg differs from the one in the request.",
      ),
    );
  }
  const name = own || requested || curveAlg[String(jwk.crv)];
  if (!name) {
    throw unprocessable(
      kty === "RSA"
        ? "Say which algorithm this RSA key is for: alg RS256, RS384, RS512, PS256, PS384 or PS512."
        : "Say which algorithm this secret is for: alg HS256, HS384, HS512 or A256GCM.",
    );
  }
  if (!(keyAlgorithms as readonly string[]).includes(name)) {
    throw unprocessable(
      naming(name, (n) => `Algorithm ${n} is not supported.`, "This algorithm is not supported."),
    );
  }
  return name as KeyAlgorithm;
}

function assertSupportedCurve(kty: string, crv: unknown) {
  if (kty === "OKP" && (crv === "X25519" || crv === "X448")) {
    throw unprocessable(`${crv} keys agree on secrets and cannot sign; use an Ed25519 key.`);
  }
  if (typeof crv !== "string" || !supportedCurves[kty].includes(crv)) {
    throw unprocessable(
      naming(crv, (n) => `Curve ${n}`, "This curve") +
        " is not supported; use P-256, P-384, P-521 or Ed25519.",
    );
  }
}

function assertCurveFits(crv: string, alg: KeyAlgorithm) {
  if (curveAlg[crv] !== alg) {
    throw unprocessable(`${alg} needs a ${curveForAlg(alg)} key; this key is on ${crv}.`);
  }
}

const curveForAlg = (alg: string) =>
  Object.entries(curveAlg).find(([, a]) => a === alg)?.[0] ?? "different";

function assertUse(jwk: Record<string, unknown>, alg: KeyAlgorithm) {
  const expected = useOf(alg);
  if (jwk.use !== undefined && jwk.use !== expected) {
    const verb = expected === "enc" ? "encrypts" : "signs";
    const use = naming(jwk.use, (n) => `use ${n}`, "This use");
    throw unprocessable(`${use} does not fit ${alg}, which ${verb}.`);
  }
  if (jwk.key_ops !== undefined) {
    const wanted = expected === "enc" ? ["encrypt", "decrypt"] : ["sign", "verify"];
    const ops = Array.isArray(jwk.key_ops) ? jwk.key_ops : [];
    if (!ops.some((op) => wanted.includes(op))) {
      throw unprocessable(`key_ops must allow ${wanted.join(" or ")} for ${alg}.`);
    }
  }
}

/** Proves the halves belong together: a signature by one must verify with the other. */
function assertHalvesMatch(kty: string, privateKey: KeyObject, publicKey: KeyObject) {
  const probe = crypto.randomBytes(32);
  const digest = kty === "OKP" ? null : "sha256";
  let matches = false;
  try {
    matches = crypto.verify(digest, probe, publicKey, crypto.sign(digest, probe, privateKey));
  } catch {
    matches = false;
  }
  if (!matches) throw unprocessable("The private half does not match the public half of this key.");
}

function readKid(jwk: Record<string, unknown>): string | undefined {
  if (jwk.kid === undefined) return undefined;
  // kids end up in URL paths (the console, the API, x5u): no slashes, spaces or escapes.
  if (typeof jwk.kid !== "string" || !/^[A-Za-z0-9._~:+=@-]{1,128}$/.test(jwk.kid)) {
    throw unprocessable("kid may use only letters, digits and . _ ~ : + = @ - (1 to 128).");
  }
  return jwk.kid;
}

function parseSecret(
  jwk: Record<string, unknown>,
  alg: KeyAlgorithm,
  kid: string | undefined,
): ParsedKey {
  if (!isSymmetricAlgorithm(alg)) throw new Error("unreachable");
  if (!isBase64url(jwk.k)) throw unprocessable("An oct JWK needs its secret in k, base64url.");
  const secret = Buffer.from(jwk.k, "base64url");
  const problem = secretLengthProblem(alg, secret.length);
  secret.fill(0);
  if (problem) throw unprocessable(problem);
  const id = kid ?? randomKid();
  return {
    kid: id,
    kty: "oct",
    alg,
    use: useOf(alg),
    format: "jwk",
    publicJwk: null,
    privateJwk: { kty: "oct", k: jwk.k, alg, kid: id },
    canSign: true,
    modulusLength: null,
    thumbprint: null,
    certificate: null,
    warnings: [],
  };
}

export interface JwkOptions {
  /** The request's alg: required for RSA and secrets unless the JWK names one. */
  alg?: string;
  format?: ImportFormat;
  now?: Date;
}

/** Validates one JWK (public or private) and returns it ready to store, or refuses. */
export async function parseJwk(value: unknown, options: JwkOptions = {}): Promise<ParsedKey> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw unprocessable("A JWK must be a JSON object.");
  }
  const jwk = value as Record<string, unknown>;
  const kty = jwk.kty;
  if (typeof kty !== "string" || !["RSA", "EC", "OKP", "oct"].includes(kty)) {
    throw unprocessable(
      naming(kty, (n) => `Key type ${n}`, "This key type") +
        " is not supported; use RSA, EC, OKP (Ed25519) or oct.",
    );
  }
  if (kty === "EC" || kty === "OKP") assertSupportedCurve(kty, jwk.crv);
  const alg = resolveAlgorithm(jwk, kty, options.alg);
  const expectedType = keyTypeOf(alg);
  if (expectedType !== kty) {
    throw unprocessable(
      `${alg} needs an ${typeName(expectedType)} key; this is an ${typeName(kty)} key.`,
    );
  }
  assertUse(jwk, alg);
  const kid = readKid(jwk);
  if (kty === "oct") return parseSecret(jwk, alg, kid);

  if (kty !== "RSA") assertCurveFits(jwk.crv as string, alg);
  let modulusLength: number | null = null;
  if (kty === "RSA") {
    if (jwk.oth !== undefined) throw unprocessable("Multi-prime RSA keys (oth) are not supported.");
    if (!isBase64url(jwk.n) || !isBase64url(jwk.e)) {
      throw unprocessable("An RSA JWK needs n and e, base64url.");
    }
    modulusLength = bitLength(jwk.n);
    if (modulusLength < MIN_RSA_BITS) {
      throw unprocessable(
        `RSA keys must be at least ${MIN_RSA_BITS} bits; this one has ${modulusLength}.`,
      );
    }
    if (modulusLength > MAX_RSA_BITS) {
      throw unprocessable(
        `RSA keys larger than ${MAX_RSA_BITS} bits are not supported; this one has ${modulusLength}.`,
      );
    }
  }

  let publicKey: KeyObject;
  try {
    publicKey = crypto.createPublicKey({
      key: pick(jwk, publicMembers[kty]) as never,
      format: "jwk",
    });
  } catch {
    throw unprocessable(`The public members are not a valid ${kty} key.`);
  }

  const hasPrivate = jwk.d !== undefined;
  let privateJwk: JWK | null = null;
  if (hasPrivate) {
    const missing = privateMembers[kty].filter((name) => !isBase64url(jwk[name]));
    if (missing.length > 0) {
      throw unprocessable(
        kty === "RSA"
          ? "This RSA private key lacks some of d, p, q, dp, dq and qi."
          : "The private member d is not base64url.",
      );
    }
    let privateKey: KeyObject;
    try {
      privateKey = crypto.createPrivateKey({
        key: pick(jwk, [...publicMembers[kty], ...privateMembers[kty]]) as never,
        format: "jwk",
      });
    } catch {
      throw unprocessable(`The private members are not a valid ${kty} key.`);
    }
    assertHalvesMatch(kty, privateKey, publicKey);
    privateJwk = privateKey.export({ format: "jwk" }) as JWK;
  }

  const exported = publicKey.export({ format: "jwk" }) as JWK;
  const thumbprint = await calculateJwkThumbprint(exported, "sha256");
  const id = kid ?? thumbprint;
  const warnings: string[] = [];
  if (jwk.x5u !== undefined) warnings.push("x5u was ignored; Keyward publishes its own x5u.");

  const publicJwk = toPublicJwk(exported, { kid: id, alg, use: useOf(alg) });
  let certificate: CertificateChain | null = null;
  if (jwk.x5c !== undefined) {
    certificate = validateChain(decodeX5c(jwk.x5c), publicJwk, options.now);
    const given = jwk["x5t#S256"];
    if (given !== undefined && given !== certificate.x5tS256) {
      throw unprocessable("x5t#S256 does not match the first certificate in x5c.");
    }
  }

  return {
    kid: id,
    kty: kty as ParsedKey["kty"],
    alg,
    use: useOf(alg),
    format: options.format ?? "jwk",
    publicJwk,
    privateJwk: privateJwk ? { ...privateJwk, kid: id, alg } : null,
    canSign: hasPrivate,
    modulusLength,
    thumbprint,
    certificate,
    warnings,
  };
}

/**
 * Every entry of a JWKS, each imported or refused on its own (RFC 7517 §5: an entry of an
 * unknown kty or unsupported parameters is skipped, never failing the rest). The request's
 * alg is only a default for entries that name none.
 */
export async function parseJwks(value: unknown, options: JwkOptions = {}): Promise<EntryOutcome[]> {
  const keys = (value as { keys?: unknown })?.keys;
  if (typeof value !== "object" || value === null || !Array.isArray(keys)) {
    throw unprocessable("A JWKS is a JSON object with a keys array.");
  }
  if (keys.length === 0) throw unprocessable("The JWKS has no keys.");
  if (keys.length > MAX_JWKS_ENTRIES) {
    throw unprocessable(
      `A JWKS import takes at most ${MAX_JWKS_ENTRIES} keys; this one has ${keys.length}.`,
    );
  }
  const outcomes: EntryOutcome[] = [];
  for (const [index, entry] of keys.entries()) {
    const own = (entry as { alg?: unknown })?.alg;
    try {
      const key = await parseJwk(entry, {
        ...options,
        alg: own === undefined ? options.alg : undefined,
      });
      outcomes.push({ index, key });
    } catch (error) {
      if ((error as { name?: string }).name !== "AppError") throw error;
      outcomes.push({ index, refusal: (error as Error).message });
    }
  }
  return outcomes;
}
