import crypto from "node:crypto";
import { jwtVerify, type JWK } from "jose";
import { describe, expect, it } from "vitest";
import { unwrap } from "@/lib/crypto/kek";
import { keyring } from "@/lib/crypto/keyring";
import { db } from "@/lib/db/client";
import { jwksCache } from "@/lib/jwks/cache";
import { importKeys } from "@/lib/keys/import";
import { activateKey } from "@/lib/keys/lifecycle";
import { presentKey } from "@/lib/keys/present";
import { generateKey, getTenantKey } from "@/lib/keys/service";
import { signToken } from "@/lib/keys/sign";
import {
  instanceAdmin,
  memberWithRole,
  outcome,
  seedTenant,
  tokenActor,
} from "../support/fixtures";

const rsa = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
const jwkOf = (key: crypto.KeyObject) => key.export({ format: "jwk" }) as JWK;
const pemOf = (key: crypto.KeyObject, type: string) =>
  key.export({ type: type as never, format: "pem" }) as string;

async function published(slug: string) {
  const docs = await jwksCache().get(slug);
  return JSON.parse(docs!.jwks.body.toString()).keys as JWK[];
}

async function tenantWithSigner() {
  const admin = await instanceAdmin();
  const { slug } = await seedTenant(admin);
  const signer = await tokenActor(admin, slug, ["keys:sign"]);
  return { admin, slug, signer };
}

describe("importing keys into a tenant", () => {
  it.each([
    ["PKCS#8", { pem: pemOf(rsa.privateKey, "pkcs8"), alg: "RS256" }, "pkcs8", true],
    ["PKCS#1", { pem: pemOf(rsa.privateKey, "pkcs1"), alg: "RS256" }, "pkcs1", true],
    ["SPKI", { pem: pemOf(rsa.publicKey, "spki"), alg: "RS256" }, "spki", false],
    ["private JWK", { jwk: { ...jwkOf(rsa.privateKey), alg: "RS256" } }, "jwk", true],
    ["public JWK", { jwk: { ...jwkOf(rsa.publicKey), alg: "RS256" } }, "jwk", false],
  ])("imports %s with origin imported and publishes it", async (_, body, format, canSign) => {
    const { admin, slug } = await tenantWithSigner();

    const { keys, warnings } = await importKeys(admin, slug, body);

    expect(warnings).toEqual([]);
    expect(keys).toHaveLength(1);
    const [key] = keys;
    expect(key).toMatchObject({ origin: "imported", canSign, alg: "RS256", modulusLength: 2048 });
    // A public-only key is staged even as the first of its slot: it can never be active.
    expect(key.state).toBe(canSign ? "active" : "staged");
    expect((await published(slug)).map((k) => k.kid)).toEqual([key.kid]);
    const prisma = await db();
    const event = await prisma.auditEvent.findFirst({
      where: { action: "key.imported", targetId: key.id },
    });
    expect(event?.details).toMatchObject({
      source: "pem" in body ? "pem" : "jwk",
      format,
      canSign,
    });
  });

  it("signs with an imported private key, and tokens verify with the original public key", async () => {
    const { admin, slug, signer } = await tenantWithSigner();
    const ec = crypto.generateKeyPairSync("ec", { namedCurve: "P-256" });
    const { keys } = await importKeys(admin, slug, { pem: pemOf(ec.privateKey, "pkcs8") });

    const signed = await signToken(signer, slug, { alg: "ES256", claims: { sub: "imported" } });

    expect(signed.kid).toBe(keys[0].kid);
    const { payload } = await jwtVerify(signed.token, ec.publicKey);
    expect(payload.sub).toBe("imported");
  });

  it("stores the private half only wrapped, and never returns it", async () => {
    const { admin, slug } = await tenantWithSigner();
    const { keys } = await importKeys(admin, slug, {
      jwk: { ...jwkOf(rsa.privateKey), alg: "PS256" },
    });
    const d = jwkOf(rsa.privateKey).d!;

    const prisma = await db();
    const row = await prisma.key.findUniqueOrThrow({
      where: { id: keys[0].id },
      omit: { privateCiphertext: false },
    });
    const plaintext = unwrap(
      keyring().current,
      Buffer.from(row.privateCiphertext!),
      row.tenantId,
      row.id,
    );
    expect(JSON.parse(plaintext.toString()).d).toBe(d);
    expect(Buffer.from(row.privateCiphertext!).includes(Buffer.from(d))).toBe(false);
    expect(JSON.stringify(presentKey(keys[0]))).not.toContain(d);
    expect(JSON.stringify(await published(slug))).not.toContain(d);
  });

  it("keeps a public-only key out of signing: rotation skips it and activation is refused", async () => {
    const { admin, slug, signer } = await tenantWithSigner();
    const { keys } = await importKeys(admin, slug, {
      pem: pemOf(rsa.publicKey, "spki"),
      alg: "RS256",
    });
    const publicOnly = keys[0];

    expect(await outcome(signToken(signer, slug, { alg: "RS256", claims: {} }))).toBe("conflict");
    await expect(
      activateKey(admin, slug, publicOnly.kid, { emergency: true, reason: "test" }),
    ).rejects.toMatchObject({
      code: "conflict",
      message: "This key has no private key: it can verify tokens but never sign.",
    });

    // A generated key of the same slot becomes active; the public-only one stays staged.
    const generated = await generateKey(admin, slug, { alg: "RS256" });
    expect(generated.state).toBe("active");
    const signed = await signToken(signer, slug, { alg: "RS256", claims: {} });
    expect(signed.kid).toBe(generated.kid);
    expect((await getTenantKey(admin, slug, publicOnly.kid)).key.state).toBe("staged");
  });

  it("makes the first signing key of a slot active and later ones staged", async () => {
    const { admin, slug } = await tenantWithSigner();
    const a = crypto.generateKeyPairSync("ed25519");
    const b = crypto.generateKeyPairSync("ed25519");

    const first = await importKeys(admin, slug, { pem: pemOf(a.privateKey, "pkcs8") });
    const second = await importKeys(admin, slug, { jwk: jwkOf(b.privateKey) });

    expect([first.keys[0].state, second.keys[0].state]).toEqual(["active", "staged"]);
  });

  it("refuses a duplicate kid, and the same key under another kid, with 409", async () => {
    const { admin, slug } = await tenantWithSigner();
    const ec = crypto.generateKeyPairSync("ec", { namedCurve: "P-384" });
    const { keys } = await importKeys(admin, slug, { jwk: { ...jwkOf(ec.publicKey), kid: "k-1" } });
    const other = crypto.generateKeyPairSync("ec", { namedCurve: "P-384" });

    await expect(
      importKeys(admin, slug, { jwk: { ...jwkOf(other.publicKey), kid: "k-1" } }),
    ).rejects.toMatchObject({
      code: "conflict",
      message: "A key with kid k-1 already exists in this tenant.",
    });
    await expect(
      importKeys(admin, slug, { pem: pemOf(ec.publicKey, "spki") }),
    ).rejects.toMatchObject({
      code: "conflict",
      message: `This key is already in the tenant as kid ${keys[0].kid}.`,
    });
  });

  it("imports the rest of a JWKS with a warning per unknown or unsupported entry", async () => {
    const { admin, slug } = await tenantWithSigner();
    const ec = crypto.generateKeyPairSync("ec", { namedCurve: "P-256" });
    const ed = crypto.generateKeyPairSync("ed25519");
    const secret = crypto.randomBytes(48).toString("base64url");

    const { keys, warnings } = await importKeys(admin, slug, {
      jwks: {
        keys: [
          { ...jwkOf(ec.publicKey), kid: "ec-1", use: "sig" },
          { kty: "AKP", alg: "ML-DSA-65", kid: "pq-1", pub: "AAAA" },
          { ...jwkOf(rsa.publicKey), kid: "rsa-enc", alg: "RSA-OAEP-256", use: "enc" },
          { ...jwkOf(ed.privateKey), kid: "ed-1", x5u: "https://elsewhere.example/c.pem" },
          { kty: "oct", k: secret, alg: "HS384", kid: "hmac-1" },
          { ...jwkOf(ec.publicKey), kid: "ec-again" },
        ],
      },
    });

    expect(keys.map((k) => k.kid)).toEqual(["ec-1", "ed-1", "hmac-1"]);
    expect(warnings).toEqual([
      {
        entry: 1,
        message: 'Key type "AKP" is not supported; use RSA, EC, OKP (Ed25519) or oct.',
      },
      { entry: 2, message: 'Algorithm "RSA-OAEP-256" is not supported.' },
      { entry: 3, kid: "ed-1", message: "x5u was ignored; Keyward publishes its own x5u." },
      { entry: 5, kid: "ec-again", message: "This key is already in the tenant as kid ec-1." },
    ]);
    const kids = (await published(slug)).map((k) => k.kid);
    expect(kids.sort()).toEqual(["ec-1", "ed-1"]);
    expect(JSON.stringify(await published(slug))).not.toContain(secret);
  });

  it("fails a JWKS in which no entry can be imported, naming each entry", async () => {
    const { admin, slug } = await tenantWithSigner();
    const error = await importKeys(admin, slug, {
      jwks: { keys: [{ kty: "DSA" }, { kty: "EC", crv: "secp256k1", x: "AA", y: "AA" }] },
    }).catch((e) => e);

    expect(error).toMatchObject({
      code: "unprocessable",
      message: "None of the 2 keys in the JWKS could be imported.",
      fields: {
        "jwks.keys.0": 'Key type "DSA" is not supported; use RSA, EC, OKP (Ed25519) or oct.',
        "jwks.keys.1": 'Curve "secp256k1" is not supported; use P-256, P-384, P-521 or Ed25519.',
      },
    });
  });

  it("lets managers and keys:rotate tokens import, and nobody else", async () => {
    const { admin, slug } = await tenantWithSigner();
    const body = () => ({ jwk: jwkOf(crypto.generateKeyPairSync("ed25519").publicKey) });
    const actors = {
      keyManager: await memberWithRole(admin, slug, "key_manager"),
      auditor: await memberWithRole(admin, slug, "auditor"),
      viewer: await memberWithRole(admin, slug, "viewer"),
      rotateToken: await tokenActor(admin, slug, ["keys:rotate"]),
      signToken: await tokenActor(admin, slug, ["keys:sign"]),
    };
    const results: Record<string, string> = {};
    for (const [name, actor] of Object.entries(actors)) {
      results[name] = await outcome(importKeys(actor, slug, body()));
    }
    expect(results).toEqual({
      keyManager: "ok",
      auditor: "forbidden",
      viewer: "forbidden",
      rotateToken: "ok",
      signToken: "forbidden",
    });
  });
});
