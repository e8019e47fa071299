import { describe, expect, it } from "vitest";
import { JwksCache } from "./cache";

type Loaded = Awaited<ReturnType<ConstructorParameters<typeof JwksCache>[1] & object>>;

function tenant(kids: string[]): Loaded {
  return {
    id: "t",
    slug: "acme",
    issuer: "https://issuer",
    jwksMaxAgeSeconds: 300,
    keys: kids.map((kid) => ({
      kid,
      certificateChain: [],
      x5tS256: null,
      publicJwk: { kid },
      state: "active",
      alg: "ES256",
      use: "sig",
      createdAt: new Date(),
    })),
  } as Loaded;
}

const kidsOf = (body: Buffer) =>
  JSON.parse(body.toString()).keys.map((k: { kid: string }) => k.kid);

describe("JWKS cache", () => {
  it("loads once, then serves from memory until invalidated", async () => {
    let loads = 0;
    const cache = new JwksCache("http://x", async () => (loads++, tenant(["a"])));
    await cache.get("acme");
    await cache.get("acme");
    expect(cache.peek("acme")).toBeTruthy();
    expect(loads).toBe(1);

    cache.invalidate("acme");
    expect(cache.peek("acme")).toBeUndefined();
    await cache.get("acme");
    expect(loads).toBe(2);
  });

  it("drops a load that started before an invalidation, so a revoked key is not re-cached", async () => {
    let release!: (value: Loaded) => void;
    let calls = 0;
    const cache = new JwksCache("http://x", () => {
      calls++;
      return calls === 1
        ? new Promise<Loaded>((r) => (release = r))
        : Promise.resolve(tenant(["new"]));
    });
    const stale = cache.get("acme");
    cache.invalidate("acme");
    release(tenant(["revoked"]));
    await stale;

    expect(cache.peek("acme")).toBeUndefined();
    const fresh = await cache.get("acme");
    expect(kidsOf(fresh!.jwks.body)).toEqual(["new"]);
  });

  it("serves the last known document when the database cannot be read", async () => {
    let fail = false;
    const cache = new JwksCache("http://x", async () => {
      if (fail) throw new Error("database down");
      return tenant(["a"]);
    });
    await cache.get("acme");
    cache.invalidate("acme");
    fail = true;
    const served = await cache.get("acme");
    expect(kidsOf(served!.jwks.body)).toEqual(["a"]);
  });

  it("remembers unknown tenants briefly", async () => {
    let loads = 0;
    const cache = new JwksCache("http://x", async () => (loads++, null));
    expect(await cache.get("nobody")).toBeNull();
    expect(await cache.get("nobody")).toBeNull();
    expect(loads).toBe(1);
  });
});
