import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScratchDatabase, dropScratchDatabase } from "../support/postgres";
import { apiClient, startServer, type RunningServer } from "../support/server";

// Two app processes on one PostgreSQL, as users scale out. Needs KEYWARD_TEST_DATABASE_URL
// (`npm test` provides it); the suite runs only in the PostgreSQL pass.

const adminUrl = process.env.KEYWARD_TEST_DATABASE_URL;
if (!adminUrl) throw new Error("The scale-out tests need KEYWARD_TEST_DATABASE_URL (PostgreSQL).");

let databaseUrl: string;
let a: RunningServer;
let b: RunningServer;
const masterKey = Buffer.alloc(32, 7).toString("base64");

beforeAll(async () => {
  databaseUrl = await createScratchDatabase(adminUrl);
  // Same KEK and admin token on both, as a deployment would configure them.
  const env = {
    KEYWARD_MASTER_KEY: masterKey,
    KEYWARD_ADMIN_TOKEN: "kw_scale_out_admin_token_0123456789abcdef",
  };
  [a, b] = await Promise.all([
    startServer({ databaseUrl, env }),
    startServer({ databaseUrl, env }),
  ]);
});

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await dropScratchDatabase(adminUrl, databaseUrl);
});

async function kidsAt(server: RunningServer, slug: string): Promise<string[]> {
  const response = await fetch(`${server.url}/t/${slug}/.well-known/jwks.json`);
  return ((await response.json()).keys as { kid: string }[]).map((k) => k.kid);
}

/** Polls until `predicate` holds; returns how long it took. */
async function within(ms: number, predicate: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < ms) {
    if (await predicate()) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`condition not met within ${ms} ms`);
}

describe("two instances on one PostgreSQL", () => {
  it("a key change on instance A reaches instance B's JWKS within a second", async () => {
    const apiA = apiClient(a.url, a.adminToken);
    const slug = `scale-${Math.random().toString(36).slice(2, 8)}`;
    await apiA("POST", "/tenants", { slug, name: "Scale" });
    const first = (await apiA("POST", `/tenants/${slug}/keys`, { alg: "ES256" })).body.key;
    await within(1_000, async () => (await kidsAt(b, slug)).includes(first.kid));

    const second = (await apiA("POST", `/tenants/${slug}/keys`, { alg: "ES256" })).body.key;
    const added = await within(1_000, async () => (await kidsAt(b, slug)).includes(second.kid));

    const revoked = await apiA("POST", `/tenants/${slug}/keys/${first.kid}/revoke`, {
      reason: "compromised",
    });
    expect(revoked.status).toBe(200);
    const removed = await within(1_000, async () => !(await kidsAt(b, slug)).includes(first.kid));

    expect(added).toBeLessThan(1_000);
    expect(removed).toBeLessThan(1_000);
  });

  it("a token revoked on A is refused by B, and a key rotated on A signs on B", async () => {
    const apiA = apiClient(a.url, a.adminToken);
    const slug = `tok-${Math.random().toString(36).slice(2, 8)}`;
    await apiA("POST", "/tenants", { slug, name: "Tokens" });
    await apiA("POST", `/tenants/${slug}/keys`, { alg: "ES256" });
    const created = await apiA("POST", `/tenants/${slug}/tokens`, {
      name: "svc",
      scopes: ["keys:sign"],
    });
    const signOnB = apiClient(b.url, created.body.token);
    expect(
      (await signOnB("POST", `/tenants/${slug}/sign`, { alg: "ES256", claims: {} })).status,
    ).toBe(200);

    await apiA("POST", `/tenants/${slug}/keys`, { alg: "ES256" });
    const rotated = await apiA("POST", `/tenants/${slug}/rotate`, {
      alg: "ES256",
      emergency: true,
      reason: "scale-out test",
    });
    await within(1_000, async () => {
      const signed = await signOnB("POST", `/tenants/${slug}/sign`, { alg: "ES256", claims: {} });
      return signed.body?.kid === rotated.body.active.kid;
    });

    // Revoke the token on A; B must refuse it from then on.
    const tokens = await apiA("GET", `/tenants/${slug}/tokens`);
    const revoke = await apiA("DELETE", `/tenants/${slug}/tokens/${tokens.body.tokens[0].id}`);
    expect(revoke.status).toBe(200);
    await within(
      1_000,
      async () =>
        (await signOnB("POST", `/tenants/${slug}/sign`, { alg: "ES256", claims: {} })).status ===
        401,
    );
  });
});
