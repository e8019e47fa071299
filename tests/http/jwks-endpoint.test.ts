import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, startServer, type RunningServer } from "../support/server";

let server: RunningServer;
let api: ReturnType<typeof apiClient>;
let slug: string;

beforeAll(async () => {
  server = await startServer();
  api = apiClient(server.url, server.adminToken);
  slug = `jwks-${Math.random().toString(36).slice(2, 8)}`;
  await api("POST", "/tenants", { slug, name: "JWKS" });
  for (const alg of ["RS256", "ES256", "EdDSA"])
    await api("POST", `/tenants/${slug}/keys`, { alg });
});
afterAll(() => server?.stop());

const jwksUrl = () => `${server.url}/t/${slug}/.well-known/jwks.json`;

describe("public JWKS endpoint", () => {
  it("publishes only public members with kid, kty, alg and use, and the documented headers", async () => {
    const response = await fetch(jwksUrl());
    const body = await response.json();

    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toMatch(
      /^public, max-age=300, stale-while-revalidate=\d+, stale-if-error=\d+$/,
    );
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("etag")).toMatch(/^"[^"]+"$/);
    expect(body.keys).toHaveLength(3);
    const allowed = new Set(["kid", "kty", "alg", "use", "n", "e", "crv", "x", "y"]);
    for (const jwk of body.keys) {
      expect(
        Object.keys(jwk).every((name) => allowed.has(name)),
        JSON.stringify(jwk),
      ).toBe(true);
      expect(jwk).toMatchObject({
        kid: expect.any(String),
        kty: expect.any(String),
        alg: expect.any(String),
        use: "sig",
      });
    }
  });

  it("answers 304 to a matching If-None-Match, and HEAD without a body", async () => {
    const first = await fetch(jwksUrl());
    const etag = first.headers.get("etag")!;

    const again = await fetch(jwksUrl(), { headers: { "if-none-match": etag } });
    const head = await fetch(jwksUrl(), { method: "HEAD" });

    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect(head.status).toBe(200);
    expect(head.headers.get("etag")).toBe(etag);
    expect(await head.text()).toBe("");
  });

  it("serves application/jwk-set+json to clients that ask for it", async () => {
    const response = await fetch(jwksUrl(), { headers: { accept: "application/jwk-set+json" } });
    expect(response.headers.get("content-type")).toBe("application/jwk-set+json");
  });

  it("changes ETag and max-age when the tenant's settings or keys change", async () => {
    const before = (await fetch(jwksUrl())).headers.get("etag");
    await api("PATCH", `/tenants/${slug}`, { jwksMaxAgeSeconds: 60 });
    const afterSettings = await fetch(jwksUrl());
    expect(afterSettings.headers.get("cache-control")).toContain("max-age=60");

    await api("POST", `/tenants/${slug}/keys`, { alg: "ES384" });
    const afterKey = await fetch(jwksUrl());
    expect(afterKey.headers.get("etag")).not.toBe(before);
    expect((await afterKey.json()).keys).toHaveLength(4);
  });

  it("answers an unknown tenant with a JSON 404 that says nothing about others", async () => {
    const response = await fetch(`${server.url}/t/nobody-here/.well-known/jwks.json`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: { code: "not_found", message: "Tenant not found." },
    });
  });

  it("serves an OpenID discovery document naming the JWKS URL and algorithms in use", async () => {
    const response = await fetch(`${server.url}/t/${slug}/.well-known/openid-configuration`);
    const body = await response.json();
    expect(body).toMatchObject({
      issuer: `${server.url}/t/${slug}`,
      jwks_uri: jwksUrl(),
      id_token_signing_alg_values_supported: expect.arrayContaining(["EdDSA", "ES256", "RS256"]),
    });
  });
});
