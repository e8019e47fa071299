import { createRemoteJWKSet, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, startServer, type RunningServer } from "../support/server";

// A real verifier (jose's createRemoteJWKSet) against the real server's JWKS URL.

let server: RunningServer;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  server = await startServer();
  api = apiClient(server.url, server.adminToken);
});
afterAll(() => server?.stop());

async function newTenant(prefix: string) {
  const slug = `${prefix}-${Math.random().toString(36).slice(2, 8)}`;
  const created = await api("POST", "/tenants", { slug, name: slug });
  expect(created.status).toBe(201);
  return {
    slug,
    issuer: created.body.tenant.issuer as string,
    jwksUrl: new URL(`${server.url}/t/${slug}/.well-known/jwks.json`),
  };
}

async function sign(
  slug: string,
  alg: string,
  claims: Record<string, unknown> = { sub: "user-1" },
) {
  const signed = await api("POST", `/tenants/${slug}/sign`, { alg, claims, expiresIn: "10m" });
  expect(signed.status, signed.text).toBe(200);
  return signed.body as { token: string; kid: string };
}

describe("tokens signed through the API verify against the JWKS URL", () => {
  it.each(["RS256", "PS256", "ES256", "ES384", "ES512", "EdDSA"])("%s", async (alg) => {
    const tenant = await newTenant(alg.toLowerCase());
    const key = await api("POST", `/tenants/${tenant.slug}/keys`, { alg });
    expect(key.status).toBe(201);

    const { token, kid } = await sign(tenant.slug, alg);
    const { payload, protectedHeader } = await jwtVerify(
      token,
      createRemoteJWKSet(tenant.jwksUrl),
      {
        issuer: tenant.issuer,
        algorithms: [alg],
      },
    );

    expect(protectedHeader.kid).toBe(kid);
    expect(kid).toBe(key.body.key.kid);
    expect(payload.sub).toBe("user-1");
    expect(payload.exp! - payload.iat!).toBe(600);
  });
});

describe("rotation and revocation as a verifier sees them", () => {
  it("keeps old tokens valid after a rotation, and rejects them after revocation once the verifier refetches", async () => {
    const tenant = await newTenant("rotate");
    await api("POST", `/tenants/${tenant.slug}/keys`, { alg: "ES256" });
    // The next key is staged (published, not signing) before the verifier first fetches,
    // as rotation timing requires: verifiers refetch on an unknown kid only after a cool-down.
    const staged = await api("POST", `/tenants/${tenant.slug}/keys`, { alg: "ES256" });
    expect(staged.body.key.state).toBe("staged");
    const old = await sign(tenant.slug, "ES256", { sub: "before" });

    const verifier = createRemoteJWKSet(tenant.jwksUrl);
    await jwtVerify(old.token, verifier);

    const rotated = await api("POST", `/tenants/${tenant.slug}/rotate`, {
      alg: "ES256",
      emergency: true,
      reason: "test",
    });
    expect(rotated.status).toBe(200);
    expect(rotated.body.retired.kid).toBe(old.kid);
    const fresh = await sign(tenant.slug, "ES256", { sub: "after" });
    expect(fresh.kid).toBe(staged.body.key.kid);

    // The verifier's cached copy already holds both keys: old and new tokens verify.
    expect((await jwtVerify(fresh.token, verifier)).payload.sub).toBe("after");
    expect((await jwtVerify(old.token, verifier)).payload.sub).toBe("before");

    const revoked = await api("POST", `/tenants/${tenant.slug}/keys/${old.kid}/revoke`, {
      reason: "compromised",
    });
    expect(revoked.status).toBe(200);

    // A verifier that refetches (a new process, or after its cache time) rejects the old token.
    const refetched = createRemoteJWKSet(tenant.jwksUrl);
    await expect(jwtVerify(old.token, refetched)).rejects.toMatchObject({
      code: "ERR_JWKS_NO_MATCHING_KEY",
    });
    expect((await jwtVerify(fresh.token, refetched)).payload.sub).toBe("after");
  });

  it("caps a requested lifetime at the tenant's longest token lifetime", async () => {
    const tenant = await newTenant("cap");
    await api("PATCH", `/tenants/${tenant.slug}`, { maxTokenLifetimeSeconds: 120 });
    await api("POST", `/tenants/${tenant.slug}/keys`, { alg: "ES256" });

    const signed = await api("POST", `/tenants/${tenant.slug}/sign`, {
      alg: "ES256",
      claims: {},
      expiresIn: "1d",
    });
    const { payload } = await jwtVerify(signed.body.token, createRemoteJWKSet(tenant.jwksUrl));

    expect(signed.body.lifetimeCapped).toBe(true);
    expect(payload.exp! - payload.iat!).toBe(120);
  });
});
