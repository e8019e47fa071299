import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, startServer, type RunningServer } from "../support/server";

// The verify and usage endpoints over HTTP: answers, errors, and the
// KEYWARD_USAGE_COUNTING=off switch (this server counts nothing, whatever it serves).

let server: RunningServer;
let admin: ReturnType<typeof apiClient>;
const slug = `usage-api-${crypto.randomBytes(3).toString("hex")}`;
let signer: ReturnType<typeof apiClient>;
let reader: ReturnType<typeof apiClient>;

beforeAll(async () => {
  server = await startServer({
    env: { KEYWARD_USAGE_COUNTING: "off", KEYWARD_USAGE_FLUSH_MS: "200" },
  });
  admin = apiClient(server.url, server.adminToken);
  await admin("POST", "/tenants", { slug, name: "Usage API" });
  await admin("POST", `/tenants/${slug}/keys`, { alg: "EdDSA" });
  const token = async (scopes: string[]) =>
    (await admin("POST", `/tenants/${slug}/tokens`, { name: scopes.join("+"), scopes })).body
      .token as string;
  signer = apiClient(server.url, await token(["keys:sign"]));
  reader = apiClient(server.url, await token(["keys:read"]));
});
afterAll(() => server?.stop());

describe("POST /tenants/{slug}/verify", () => {
  it("answers valid tokens with their claims and invalid ones with a code and a reason", async () => {
    const signed = await signer("POST", `/tenants/${slug}/sign`, {
      alg: "EdDSA",
      claims: { sub: "svc-1" },
    });
    const { token, kid } = signed.body;

    const ok = await reader("POST", `/tenants/${slug}/verify`, { token });
    const bad = await reader("POST", `/tenants/${slug}/verify`, { token: `${token}x` });
    const junk = await reader("POST", `/tenants/${slug}/verify`, { token: "a.b" });

    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      valid: true,
      kid,
      claims: { sub: "svc-1", iss: expect.any(String) },
    });
    expect(bad.body).toEqual({ valid: false, code: "bad_signature", reason: expect.any(String) });
    expect(junk.body).toEqual({ valid: false, code: "malformed", reason: expect.any(String) });
  });

  it("maps bad requests to 4xx with the usual error body", async () => {
    const cases: [string, ReturnType<typeof apiClient>, string, unknown, number, string][] = [
      ["no token field", reader, "verify", {}, 422, "unprocessable"],
      ["token not a string", reader, "verify", { token: 42 }, 422, "unprocessable"],
      ["malformed JSON", reader, "verify", "{nope", 400, "invalid_request"],
      ["sign-only token verifies", signer, "verify", { token: "a.b.c" }, 403, "forbidden"],
      ["sign-only token reads usage", signer, "usage", undefined, 403, "forbidden"],
    ];
    for (const [name, client, path, body, status, code] of cases) {
      const response =
        path === "usage"
          ? await client("GET", `/tenants/${slug}/usage`)
          : await client("POST", `/tenants/${slug}/verify`, body);
      expect(response.status, name).toBe(status);
      expect(response.body.error?.code, name).toBe(code);
    }
  });
});

describe("GET /tenants/{slug}/usage", () => {
  it("refuses an unknown window and answers a foreign tenant like a missing one", async () => {
    const window = await reader("GET", `/tenants/${slug}/usage?window=7d`);
    const missing = await reader("GET", `/tenants/nobody-${slug}/usage`);

    expect(window.status).toBe(400);
    expect(window.body.error.message).toBe("window must be 1h, 24h or 30d.");
    expect(missing.status).toBe(404);
  });

  it("records nothing when counting is off", async () => {
    await signer("POST", `/tenants/${slug}/sign`, { alg: "EdDSA" });
    await fetch(`${server.url}/t/${slug}/.well-known/jwks.json`);
    await new Promise((r) => setTimeout(r, 1_000));

    const usage = await reader("GET", `/tenants/${slug}/usage?window=30d`);
    expect(usage.status).toBe(200);
    expect(usage.body.series).toHaveLength(30);
    expect(usage.body.keys[0]).toMatchObject({ signatures: 0, verifications: 0, lastUsedAt: null });
    expect(usage.body.jwks).toMatchObject({ fetches: 0, notModified: 0, topConsumers: [] });
  });
});
