import crypto, { X509Certificate } from "node:crypto";
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify, type JWK } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, startServer, type RunningServer } from "../support/server";

// Import, certificates and symmetric keys through the real server: the v1 API, the
// public JWKS and the public certificate URL a verifier follows from x5u.

let server: RunningServer;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  server = await startServer();
  api = apiClient(server.url, server.adminToken);
});
afterAll(() => server?.stop());

async function newTenant(prefix: string) {
  const slug = `${prefix}-${crypto.randomBytes(3).toString("hex")}`;
  expect((await api("POST", "/tenants", { slug, name: slug })).status).toBe(201);
  return slug;
}

async function tokenWith(slug: string, scopes: string[]) {
  const created = await api("POST", `/tenants/${slug}/tokens`, { name: scopes.join("+"), scopes });
  expect(created.status).toBe(201);
  return apiClient(server.url, created.body.token);
}

async function jwks(slug: string) {
  const response = await fetch(`${server.url}/t/${slug}/.well-known/jwks.json`);
  return { text: await response.text(), status: response.status };
}

const pemOf = (key: crypto.KeyObject, type: string) =>
  key.export({ type: type as never, format: "pem" }) as string;

describe("POST /tenants/{slug}/keys/import", () => {
  it("imports a PEM key and a JWKS, warning per skipped entry, with the documented errors", async () => {
    const slug = await newTenant("imp");
    const ec = crypto.generateKeyPairSync("ec", { namedCurve: "P-256" });
    const rsa = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });

    const pem = await api("POST", `/tenants/${slug}/keys/import`, {
      pem: pemOf(ec.privateKey, "pkcs8"),
    });
    expect(pem.status, pem.text).toBe(201);
    expect(pem.body.warnings).toEqual([]);
    expect(pem.body.keys[0]).toMatchObject({
      alg: "ES256",
      state: "active",
      origin: "imported",
      canSign: true,
    });
    expect(pem.text).not.toContain(ec.privateKey.export({ format: "jwk" }).d);

    const set = await api("POST", `/tenants/${slug}/keys/import`, {
      jwks: {
        keys: [
          { kty: "AKP", alg: "ML-DSA-44", kid: "pq", pub: "AAAA" },
          { ...rsa.publicKey.export({ format: "jwk" }), kid: "rsa-verify", alg: "PS256" },
          { kty: "EC", crv: "secp256k1", kid: "k1", x: "AA", y: "AA" },
        ],
      },
    });
    expect(set.status, set.text).toBe(201);
    expect(set.body.imported).toEqual(["rsa-verify"]);
    expect(set.body.keys[0]).toMatchObject({ state: "staged", canSign: false });
    expect(set.body.warnings).toEqual([
      {
        entry: 0,
        message: 'Key type "AKP" is not supported; use RSA, EC, OKP (Ed25519) or oct.',
      },
      {
        entry: 2,
        message: 'Curve "secp256k1" is not supported; use P-256, P-384, P-521 or Ed25519.',
      },
    ]);
    const published = JSON.parse((await jwks(slug)).text).keys.map((k: JWK) => k.kid);
    expect(published.sort()).toEqual([pem.body.imported[0], "rsa-verify"].sort());

    const reader = await tokenWith(slug, ["keys:read"]);
    const rsaPem = pemOf(rsa.privateKey, "pkcs8");
    const cases: [string, () => ReturnType<typeof api>, number, string][] = [
      [
        "duplicate key",
        () => api("POST", `/tenants/${slug}/keys/import`, { pem: pemOf(ec.publicKey, "spki") }),
        409,
        `This key is already in the tenant as kid ${pem.body.imported[0]}.`,
      ],
      [
        "RSA without alg",
        () => api("POST", `/tenants/${slug}/keys/import`, { pem: rsaPem }),
        422,
        "Say which algorithm this RSA key is for: alg RS256, RS384, RS512, PS256, PS384 or PS512.",
      ],
      [
        "two formats at once",
        () => api("POST", `/tenants/${slug}/keys/import`, { pem: rsaPem, jwk: {} }),
        422,
        'Send exactly one of "pem", "jwk" or "jwks".',
      ],
      [
        "over 100 entries",
        () =>
          api("POST", `/tenants/${slug}/keys/import`, {
            jwks: { keys: Array.from({ length: 101 }, () => ({ kty: "EC" })) },
          }),
        422,
        "A JWKS import takes at most 100 keys; this one has 101.",
      ],
      [
        "over 256 KiB",
        () => api("POST", `/tenants/${slug}/keys/import`, { pem: "x".repeat(300 * 1024) }),
        400,
        "The request body is too large.",
      ],
      [
        "a keys:read token",
        () => reader("POST", `/tenants/${slug}/keys/import`, { pem: rsaPem, alg: "RS256" }),
        403,
        "Your role does not allow this action.",
      ],
    ];
    const results = [];
    for (const [name, call] of cases) {
      const response = await call();
      results.push([name, response.status, response.body?.error?.message]);
      expect(response.text).not.toContain(rsaPem.split("\n")[1]);
    }
    expect(results).toEqual(cases.map(([name, , status, message]) => [name, status, message]));
  });
});

describe("certificates", () => {
  it("self-signs, publishes x5c/x5t#S256/x5u, and serves the chain at x5u like the JWKS", async () => {
    const slug = await newTenant("cert");
    const key = (await api("POST", `/tenants/${slug}/keys`, { alg: "ES384" })).body.key;
    const path = `/tenants/${slug}/keys/${key.kid}/certificate`;
    expect((await api("GET", path)).status).toBe(404);

    const attached = await api("POST", path, {
      selfSigned: { subject: "CN=issuer.example.test", days: 30 },
    });
    expect(attached.status, attached.text).toBe(200);
    expect(attached.body.key.certificate).toMatchObject({ length: 1 });

    const jwk = JSON.parse((await jwks(slug)).text).keys[0] as JWK;
    const certificate = new X509Certificate(Buffer.from(jwk.x5c![0], "base64"));
    const publicKey = crypto.createPublicKey({ key: key.publicJwk, format: "jwk" });
    expect(certificate.verify(publicKey)).toBe(true);
    expect(certificate.publicKey.equals(publicKey)).toBe(true);
    expect(jwk["x5t#S256"]).toBe(
      crypto.createHash("sha256").update(certificate.raw).digest("base64url"),
    );
    expect(jwk.x5u).toBe(`${server.url}/t/${slug}/keys/${key.kid}/certificate.pem`);

    const served = await fetch(jwk.x5u!);
    const body = await served.text();
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("application/pem-certificate-chain");
    expect(served.headers.get("access-control-allow-origin")).toBe("*");
    expect(served.headers.get("cache-control")).toMatch(/^public, max-age=300/);
    expect(new X509Certificate(body).fingerprint256).toBe(certificate.fingerprint256);
    const etag = served.headers.get("etag")!;
    expect((await fetch(jwk.x5u!, { headers: { "if-none-match": etag } })).status).toBe(304);
    expect((await fetch(jwk.x5u!, { method: "OPTIONS" })).status).toBe(204);
    const missing = await fetch(`${server.url}/t/${slug}/keys/nope/certificate.pem`);
    expect([missing.status, (await missing.json()).error.code]).toEqual([404, "not_found"]);
    const view = await api("GET", path);
    expect(view.body.certificate).toMatchObject({ subject: "CN=issuer.example.test" });

    // Another tenant's key answers exactly like a missing one.
    const other = await newTenant("cert-other");
    const foreign = await api("POST", `/tenants/${other}/keys/${key.kid}/certificate`, {
      selfSigned: { subject: "CN=x", days: 1 },
    });
    expect([foreign.status, foreign.body.error.message]).toEqual([404, "Key not found."]);

    // A JWK's own kid may hold URL-reserved characters; every path encodes and decodes it.
    const ec = crypto.generateKeyPairSync("ec", { namedCurve: "P-256" });
    const named = await api("POST", `/tenants/${slug}/keys/import`, {
      jwk: { ...ec.privateKey.export({ format: "jwk" }), kid: "svc:2024+a@b=" },
    });
    expect(named.status, named.text).toBe(201);
    const encoded = encodeURIComponent("svc:2024+a@b=");
    const namedCert = await api("POST", `/tenants/${slug}/keys/${encoded}/certificate`, {
      selfSigned: { subject: "CN=named", days: 2 },
    });
    expect(namedCert.status, namedCert.text).toBe(200);
    expect(namedCert.body.certificate.url).toBe(
      `${server.url}/t/${slug}/keys/${encoded}/certificate.pem`,
    );
    expect((await fetch(namedCert.body.certificate.url)).status).toBe(200);

    // Revoking the key takes its certificate off the public URL at once.
    await api("POST", `/tenants/${slug}/keys/${key.kid}/revoke`, { reason: "superseded" });
    expect((await fetch(jwk.x5u!)).status).toBe(404);
  });
});

describe("symmetric keys", () => {
  it("signs HS256 through the API while the secret never appears in any answer", async () => {
    const slug = await newTenant("hmac");
    const signer = await tokenWith(slug, ["keys:sign"]);
    const secret = crypto.randomBytes(48);
    const k = secret.toString("base64url");

    const generated = await api("POST", `/tenants/${slug}/keys`, { alg: "HS256" });
    expect(generated.status).toBe(201);
    expect(generated.body.key).toMatchObject({ kty: "oct", publicJwk: null, state: "active" });
    const first = await signer("POST", `/tenants/${slug}/sign`, {
      alg: "HS256",
      claims: { sub: "svc" },
    });
    expect(first.status, first.text).toBe(200);
    expect(decodeProtectedHeader(first.body.token)).toEqual({
      alg: "HS256",
      kid: generated.body.key.kid,
      typ: "JWT",
    });

    // A secret we know, imported as the first HS384 key (so it is active), proves the HMAC
    // verifies, while no answer ever carries it.
    const imported = await api("POST", `/tenants/${slug}/keys/import`, {
      jwk: { kty: "oct", k, alg: "HS384", kid: "shared-1" },
    });
    expect(imported.status, imported.text).toBe(201);
    expect(imported.body.keys[0]).toMatchObject({ state: "active", publicJwk: null });
    const signed = await signer("POST", `/tenants/${slug}/sign`, {
      alg: "HS384",
      claims: { sub: "known" },
    });
    expect(signed.body.kid).toBe("shared-1");
    const { payload } = await jwtVerify(signed.body.token, secret, { algorithms: ["HS384"] });
    expect(payload.sub).toBe("known");

    const answers = [
      imported.text,
      first.text,
      signed.text,
      (await api("GET", `/tenants/${slug}/keys`)).text,
      (await api("GET", `/tenants/${slug}/keys/shared-1`)).text,
      (await api("GET", `/tenants/${slug}/audit?limit=100`)).text,
      (await jwks(slug)).text,
      await (await fetch(`${server.url}/t/${slug}/.well-known/openid-configuration`)).text(),
    ];
    for (const text of answers) {
      expect(text).not.toContain(k);
      expect(text).not.toContain(secret.toString("base64"));
    }
    expect(JSON.parse((await jwks(slug)).text).keys).toEqual([]);
    await expect(
      jwtVerify(
        signed.body.token,
        createRemoteJWKSet(new URL(`${server.url}/t/${slug}/.well-known/jwks.json`)),
      ),
    ).rejects.toThrow();
  });

  it("generates A256GCM but refuses to sign with it", async () => {
    const slug = await newTenant("aes");
    const signer = await tokenWith(slug, ["keys:sign"]);
    const key = await api("POST", `/tenants/${slug}/keys`, { alg: "A256GCM" });
    expect(key.body.key).toMatchObject({ kty: "oct", use: "enc", publicJwk: null });

    const refused = await signer("POST", `/tenants/${slug}/sign`, { alg: "A256GCM", claims: {} });

    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toBe(
      "A256GCM keys encrypt data and cannot sign; use an HS, RS, PS, ES or EdDSA key.",
    );
  });
});
