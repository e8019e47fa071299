import crypto from "node:crypto";
import { calculateJwkThumbprint, type JWK } from "jose";
import { describe, expect, it } from "vitest";
import { parseJwk, parseJwks } from "./import";
import { parsePem } from "./import-pem";

// Keys made once for the whole file; RSA generation is the slow part.
const rsa = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
const otherRsa = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
const rsa1024 = crypto.generateKeyPairSync("rsa", { modulusLength: 1024 });
const p256 = crypto.generateKeyPairSync("ec", { namedCurve: "P-256" });
const otherP256 = crypto.generateKeyPairSync("ec", { namedCurve: "P-256" });
const p384 = crypto.generateKeyPairSync("ec", { namedCurve: "P-384" });
const k256 = crypto.generateKeyPairSync("ec", { namedCurve: "secp256k1" });
const ed = crypto.generateKeyPairSync("ed25519");
const otherEd = crypto.generateKeyPairSync("ed25519");
const ed448 = crypto.generateKeyPairSync("ed448");
const x25519 = crypto.generateKeyPairSync("x25519");
const pss = crypto.generateKeyPairSync("rsa-pss", { modulusLength: 2048 });

const jwkOf = (key: crypto.KeyObject) => key.export({ format: "jwk" }) as JWK;
const pem = (key: crypto.KeyObject, type: string) =>
  key.export({ type: type as never, format: "pem" }) as string;
const secret = (bytes: number) => crypto.randomBytes(bytes).toString("base64url");

async function refusal(work: Promise<unknown>): Promise<string> {
  try {
    await work;
    return "accepted";
  } catch (error) {
    return (error as Error).message;
  }
}

describe("importing keys: accepted formats", () => {
  it.each([
    ["PKCS#8 RSA", () => pem(rsa.privateKey, "pkcs8"), "pkcs8", true],
    ["PKCS#1 RSA private", () => pem(rsa.privateKey, "pkcs1"), "pkcs1", true],
    ["PKCS#1 RSA public", () => pem(rsa.publicKey, "pkcs1"), "pkcs1", false],
    ["SPKI RSA", () => pem(rsa.publicKey, "spki"), "spki", false],
  ])("%s PEM", async (_, text, format, canSign) => {
    const key = await parsePem(text(), { alg: "PS256" });
    expect(key).toMatchObject({ kty: "RSA", alg: "PS256", use: "sig", format, canSign });
    expect(key.modulusLength).toBe(2048);
    expect(key.kid).toBe(await calculateJwkThumbprint(jwkOf(rsa.publicKey), "sha256"));
    expect(key.publicJwk).not.toHaveProperty("d");
    expect(Boolean(key.privateJwk?.d)).toBe(canSign);
  });

  it.each([
    ["PKCS#8 P-256", () => pem(p256.privateKey, "pkcs8"), "ES256", true],
    ["SEC1 P-384", () => pem(p384.privateKey, "sec1"), "ES384", true],
    ["SPKI P-256", () => pem(p256.publicKey, "spki"), "ES256", false],
    ["PKCS#8 Ed25519", () => pem(ed.privateKey, "pkcs8"), "EdDSA", true],
  ])("%s PEM takes its alg from the curve", async (_, text, alg, canSign) => {
    const key = await parsePem(text());
    expect(key.alg).toBe(alg);
    expect(key.canSign).toBe(canSign);
  });

  it("keeps a JWK's own kid, and gives one without a kid its thumbprint", async () => {
    const named = await parseJwk({ ...jwkOf(p256.privateKey), kid: "legacy-2024" });
    const unnamed = await parseJwk(jwkOf(p256.publicKey));
    expect(named.kid).toBe("legacy-2024");
    expect(named.publicJwk).toMatchObject({ kid: "legacy-2024", alg: "ES256", use: "sig" });
    expect(unnamed.kid).toBe(await calculateJwkThumbprint(jwkOf(p256.publicKey), "sha256"));
    expect(unnamed.canSign).toBe(false);
  });

  it("imports secrets with a random kid and no public JWK", async () => {
    const key = await parseJwk({ kty: "oct", k: secret(32), alg: "HS256" });
    expect(key).toMatchObject({ kty: "oct", alg: "HS256", use: "sig", publicJwk: null });
    expect(key.kid).toMatch(/^[\w-]{43}$/);
    const enc = await parseJwk({ kty: "oct", k: secret(32) }, { alg: "A256GCM" });
    expect(enc.use).toBe("enc");
  });

  it("imports the usable entries of a JWKS and refuses each other entry on its own", async () => {
    const outcomes = await parseJwks({
      keys: [
        jwkOf(p256.publicKey),
        { kty: "OKP", crv: "X448", x: "AAAA" },
        { kty: "AKP", alg: "ML-DSA-65", pub: "AAAA" },
        { ...jwkOf(rsa.publicKey), alg: "RSA-OAEP", use: "enc" },
        { ...jwkOf(rsa.publicKey), alg: "RS256" },
      ],
    });
    expect(outcomes.map((o) => ("key" in o ? o.key.alg : o.refusal))).toEqual([
      "ES256",
      "X448 keys agree on secrets and cannot sign; use an Ed25519 key.",
      'Key type "AKP" is not supported; use RSA, EC, OKP (Ed25519) or oct.',
      'Algorithm "RSA-OAEP" is not supported.',
      "RS256",
    ]);
  });
});

describe("importing keys: every refusal says what is wrong in one sentence", () => {
  const rsaPrivate = jwkOf(rsa.privateKey);
  const cases: [string, () => Promise<unknown>, string][] = [
    [
      "not PEM",
      () => parsePem("hello"),
      "This is not a PEM key; it needs a -----BEGIN … KEY----- block.",
    ],
    [
      "two PEM keys",
      () => parsePem(pem(p256.publicKey, "spki") + pem(p384.publicKey, "spki")),
      "Paste exactly one PEM key; import several keys as a JWKS.",
    ],
    [
      "encrypted PKCS#8",
      () =>
        parsePem(
          rsa.privateKey.export({
            type: "pkcs8",
            format: "pem",
            cipher: "aes-256-cbc",
            passphrase: "pw",
          }) as string,
        ),
      "Encrypted private keys are not accepted; export the key without a passphrase.",
    ],
    [
      "encrypted PKCS#1 (Proc-Type)",
      () =>
        parsePem(
          rsa.privateKey.export({
            type: "pkcs1",
            format: "pem",
            cipher: "aes-256-cbc",
            passphrase: "pw",
          }) as string,
        ),
      "Encrypted private keys are not accepted; export the key without a passphrase.",
    ],
    [
      "a certificate",
      () => parsePem("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"),
      "This is a certificate, not a key; import the key, then attach the certificate.",
    ],
    [
      "a corrupt PEM body",
      () => parsePem("-----BEGIN PRIVATE KEY-----\nAAAAAAAA\n-----END PRIVATE KEY-----\n"),
      "The PRIVATE KEY block could not be read as a key.",
    ],
    [
      "RSA without alg",
      () => parsePem(pem(rsa.privateKey, "pkcs8")),
      "Say which algorithm this RSA key is for: alg RS256, RS384, RS512, PS256, PS384 or PS512.",
    ],
    [
      "RSA under 2048 bits",
      () => parsePem(pem(rsa1024.privateKey, "pkcs8"), { alg: "RS256" }),
      "RSA keys must be at least 2048 bits; this one has 1024.",
    ],
    [
      "alg of another key type",
      () => parsePem(pem(p256.privateKey, "pkcs8"), { alg: "RS256" }),
      "RS256 needs an RSA key; this is an EC key.",
    ],
    [
      "ES alg on an RSA key",
      () => parseJwk({ ...jwkOf(rsa.publicKey), alg: "ES256" }),
      "ES256 needs an EC key; this is an RSA key.",
    ],
    [
      "ES384 on a P-256 key",
      () => parseJwk(jwkOf(p256.publicKey), { alg: "ES384" }),
      "ES384 needs a P-384 key; this key is on P-256.",
    ],
    [
      "request alg disagrees with the JWK",
      () => parseJwk({ ...jwkOf(p256.publicKey), alg: "ES256" }, { alg: "ES384" }),
      'The key says alg "ES256" but the request asks for another one.',
    ],
    [
      "unsupported curve",
      () => parsePem(pem(k256.publicKey, "spki")),
      'Curve "secp256k1" is not supported; use P-256, P-384, P-521 or Ed25519.',
    ],
    [
      "unsupported curve in a JWK",
      () => parseJwk(jwkOf(k256.publicKey)),
      'Curve "secp256k1" is not supported; use P-256, P-384, P-521 or Ed25519.',
    ],
    [
      "Ed448",
      () => parsePem(pem(ed448.privateKey, "pkcs8")),
      "Curve Ed448 is not supported; use P-256, P-384, P-521 or Ed25519.",
    ],
    [
      "X25519",
      () => parsePem(pem(x25519.publicKey, "spki")),
      "X25519 keys agree on secrets and cannot sign; use an Ed25519 key.",
    ],
    [
      "RSA-PSS-restricted key",
      () => parsePem(pem(pss.publicKey, "spki"), { alg: "PS256" }),
      "RSA-PSS-restricted keys are not supported; export it as a plain RSA key.",
    ],
    [
      "RSA halves that do not match",
      () => parseJwk({ ...rsaPrivate, n: jwkOf(otherRsa.publicKey).n, alg: "RS256" }),
      "The private half does not match the public half of this key.",
    ],
    [
      "EC halves that do not match",
      () =>
        parseJwk({
          ...jwkOf(p256.privateKey),
          x: jwkOf(otherP256.publicKey).x,
          y: jwkOf(otherP256.publicKey).y,
        }),
      "The private half does not match the public half of this key.",
    ],
    [
      "Ed25519 halves that do not match",
      () => parseJwk({ ...jwkOf(ed.privateKey), x: jwkOf(otherEd.publicKey).x }),
      "The private half does not match the public half of this key.",
    ],
    [
      "RSA private key without CRT members",
      () =>
        parseJwk({ kty: "RSA", n: rsaPrivate.n, e: rsaPrivate.e, d: rsaPrivate.d, alg: "RS256" }),
      "This RSA private key lacks some of d, p, q, dp, dq and qi.",
    ],
    [
      "EC point not on the curve",
      () => parseJwk({ ...jwkOf(p256.publicKey), y: jwkOf(p256.publicKey).x }),
      "The public members are not a valid EC key.",
    ],
    [
      "unknown kty",
      () => parseJwk({ kty: "DSA" }),
      'Key type "DSA" is not supported; use RSA, EC, OKP (Ed25519) or oct.',
    ],
    ["not an object", () => parseJwk("{}"), "A JWK must be a JSON object."],
    [
      "use enc on a signing alg",
      () => parseJwk({ ...jwkOf(p256.publicKey), use: "enc" }),
      'use "enc" does not fit ES256, which signs.',
    ],
    [
      "key_ops without sign or verify",
      () => parseJwk({ ...jwkOf(p256.publicKey), key_ops: ["encrypt"] }),
      "key_ops must allow sign or verify for ES256.",
    ],
    [
      "short HMAC secret",
      () => parseJwk({ kty: "oct", k: secret(16), alg: "HS256" }),
      "HS256 needs a secret of at least 32 bytes; this one has 16.",
    ],
    [
      "A256GCM of the wrong size",
      () => parseJwk({ kty: "oct", k: secret(16), alg: "A256GCM" }),
      "A256GCM needs a secret of exactly 32 bytes; this one has 16.",
    ],
    [
      "secret without alg",
      () => parseJwk({ kty: "oct", k: secret(32) }),
      "Say which algorithm this secret is for: alg HS256, HS384, HS512 or A256GCM.",
    ],
    [
      "HS alg on an EC key",
      () => parseJwk({ ...jwkOf(p256.publicKey), alg: "HS256" }),
      "HS256 needs an oct (secret) key; this is an EC key.",
    ],
    [
      "unsafe kid",
      () => parseJwk({ ...jwkOf(p256.publicKey), kid: "has space" }),
      "kid may use only letters, digits and . _ ~ : + = @ - (1 to 128).",
    ],
    [
      "kid with a slash",
      () => parseJwk({ ...jwkOf(p256.publicKey), kid: "team/key" }),
      "kid may use only letters, digits and . _ ~ : + = @ - (1 to 128).",
    ],
    [
      "multi-prime RSA",
      () => parseJwk({ ...rsaPrivate, alg: "RS256", oth: [] }),
      "Multi-prime RSA keys (oth) are not supported.",
    ],
    [
      "x5c for another key",
      () => parseJwk({ ...jwkOf(p256.publicKey), x5c: ["AAAA"] }),
      "Certificate 1 could not be read as X.509.",
    ],
    [
      "JWKS without keys",
      () => parseJwks({ key: [] }),
      "A JWKS is a JSON object with a keys array.",
    ],
    ["empty JWKS", () => parseJwks({ keys: [] }), "The JWKS has no keys."],
    [
      "JWKS over 100 entries",
      () => parseJwks({ keys: Array.from({ length: 101 }, () => jwkOf(p256.publicKey)) }),
      "A JWKS import takes at most 100 keys; this one has 101.",
    ],
  ];

  it("refuses each case with its sentence", async () => {
    const results: Record<string, string> = {};
    for (const [name, work] of cases) results[name] = await refusal(work());
    const expected = Object.fromEntries(
      cases.map(([name, , message]) => [name, expect.stringContaining(message)]),
    );
    expect(results).toEqual(expected);
    for (const message of Object.values(results)) {
      // One sentence, and never a quoted key or secret.
      expect(message.split(/\. (?=[A-Z])/).length).toBe(1);
      expect(message.length).toBeLessThan(140);
    }
  });

  it("never echoes key material in a refusal", async () => {
    const leaked = secret(16);
    const messages = [
      await refusal(parseJwk({ kty: "oct", k: leaked, alg: "HS256" })),
      await refusal(parseJwk({ kty: leaked })),
      await refusal(parseJwk({ ...jwkOf(p256.publicKey), alg: leaked + leaked })),
      await refusal(parseJwk({ ...jwkOf(p256.publicKey), crv: leaked + leaked })),
      await refusal(parseJwk({ ...rsaPrivate, n: jwkOf(otherRsa.publicKey).n, alg: "RS256" })),
    ];
    for (const message of messages) {
      expect(message).not.toContain(leaked);
      expect(message).not.toContain(rsaPrivate.d!.slice(0, 16));
    }
  });
});
