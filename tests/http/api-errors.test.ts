import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, startServer, type RunningServer } from "../support/server";

let server: RunningServer;
let admin: ReturnType<typeof apiClient>;

beforeAll(async () => {
  server = await startServer();
  admin = apiClient(server.url, server.adminToken);
});
afterAll(() => server?.stop());

async function snapshot(slug: string) {
  const keys = await admin("GET", `/tenants/${slug}/keys`);
  const audit = await admin("GET", `/tenants/${slug}/audit?limit=200`);
  return {
    keys: keys.body.keys,
    auditCount: audit.body.events.filter((e: { outcome: string }) => e.outcome === "success")
      .length,
  };
}

describe("bad input gets the documented 4xx and changes nothing", () => {
  it("maps every error case to its status and code", async () => {
    const slug = `err-${Math.random().toString(36).slice(2, 8)}`;
    const other = `${slug}-b`;
    await admin("POST", "/tenants", { slug, name: "Errors" });
    await admin("POST", "/tenants", { slug: other, name: "Other" });
    const key = (await admin("POST", `/tenants/${slug}/keys`, { alg: "ES256" })).body.key;
    await admin("POST", `/tenants/${slug}/keys/${key.kid}/revoke`, { reason: "superseded" });

    const tokenResponse = await fetch(`${server.url}/api/v1/tenants/${other}/keys`, {
      headers: { authorization: "Bearer nope" },
    });
    expect(tokenResponse.status).toBe(401);

    const before = await snapshot(slug);
    const anonymous = apiClient(server.url, "");
    const wrongToken = apiClient(server.url, "kw_this_token_does_not_exist_at_all_0000000000");

    const cases: [string, () => ReturnType<typeof admin>, number, string][] = [
      [
        "malformed JSON",
        () => admin("POST", `/tenants/${slug}/keys`, "{not json"),
        400,
        "invalid_request",
      ],
      [
        "wrong content type",
        () => admin("POST", `/tenants/${slug}/keys`, "alg=ES256", { "content-type": "text/plain" }),
        400,
        "invalid_request",
      ],
      [
        "unknown alg",
        () => admin("POST", `/tenants/${slug}/keys`, { alg: "HS1024" }),
        422,
        "unprocessable",
      ],
      [
        "RSA too small",
        () => admin("POST", `/tenants/${slug}/keys`, { alg: "RS256", modulusLength: 1024 }),
        422,
        "unprocessable",
      ],
      [
        "missing token",
        () => anonymous("POST", `/tenants/${slug}/keys`, { alg: "ES256" }),
        401,
        "unauthenticated",
      ],
      ["unknown token", () => wrongToken("GET", `/tenants/${slug}/keys`), 401, "unauthenticated"],
      [
        "unknown tenant",
        () => admin("POST", `/tenants/no-such-tenant/keys`, { alg: "ES256" }),
        404,
        "not_found",
      ],
      [
        "revoking twice",
        () => admin("POST", `/tenants/${slug}/keys/${key.kid}/revoke`, { reason: "compromised" }),
        409,
        "conflict",
      ],
      [
        "revoking an unknown kid",
        () => admin("POST", `/tenants/${slug}/keys/nope/revoke`, { reason: "compromised" }),
        404,
        "not_found",
      ],
      [
        "bad revocation reason",
        () => admin("POST", `/tenants/${slug}/keys/${key.kid}/revoke`, { reason: "bored" }),
        422,
        "unprocessable",
      ],
      [
        "sign without an active key",
        () => admin("POST", `/tenants/${slug}/sign`, { alg: "ES256", claims: {} }),
        409,
        "conflict",
      ],
      [
        "sign with reserved claims",
        () => admin("POST", `/tenants/${slug}/sign`, { alg: "ES256", claims: { iss: "x" } }),
        422,
        "unprocessable",
      ],
      [
        "duplicate tenant slug",
        () => admin("POST", "/tenants", { slug, name: "again" }),
        409,
        "conflict",
      ],
      [
        "invalid slug",
        () => admin("POST", "/tenants", { slug: "Bad Slug!", name: "x" }),
        422,
        "unprocessable",
      ],
      [
        "settings out of range",
        () => admin("PATCH", `/tenants/${slug}`, { jwksMaxAgeSeconds: -5 }),
        422,
        "unprocessable",
      ],
      [
        "body that is not an object",
        () => admin("POST", `/tenants/${slug}/rotate`, "[1,2]"),
        422,
        "unprocessable",
      ],
    ];

    const seen = [];
    for (const [name, call] of cases) {
      const response = await call();
      seen.push([name, response.status, response.body?.error?.code]);
      expect(response.body?.error?.message, name).toEqual(expect.any(String));
      expect(response.text, name).not.toMatch(/at .*\.(ts|js):\d+/);
    }
    expect(seen).toEqual(cases.map(([name, , status, code]) => [name, status, code]));
    expect(await snapshot(slug)).toEqual(before);
  });

  it("hides another tenant from a tenant token exactly like a missing tenant", async () => {
    const a = `iso-${Math.random().toString(36).slice(2, 8)}`;
    const b = `${a}-b`;
    await admin("POST", "/tenants", { slug: a, name: "A" });
    await admin("POST", "/tenants", { slug: b, name: "B" });
    const token = await createTenantToken(a, ["keys:read", "keys:sign", "keys:rotate"]);
    const client = apiClient(server.url, token);

    const foreign = await client("GET", `/tenants/${b}/keys`);
    const missing = await client("GET", `/tenants/nobody-${a}/keys`);

    expect(foreign.status).toBe(404);
    expect(foreign.body).toEqual(missing.body);
  });
});

async function createTenantToken(slug: string, scopes: string[]): Promise<string> {
  const created = await admin("POST", `/tenants/${slug}/tokens`, { name: "svc", scopes });
  expect(created.status, created.text).toBe(201);
  return created.body.token;
}

describe("hostile bodies", () => {
  it("answers deep nesting and oversized bodies with a 400, on the fast sign path and in Next", async () => {
    const slug = `hostile-${Math.random().toString(36).slice(2, 8)}`;
    await admin("POST", "/tenants", { slug, name: "Hostile" });
    await admin("POST", `/tenants/${slug}/keys`, { alg: "ES256" });
    const deep = "[".repeat(5_000) + "]".repeat(5_000);
    const huge = JSON.stringify({ alg: "ES256", claims: { pad: "x".repeat(400 * 1024) } });

    const cases: [string, string, string][] = [
      ["deep claims to /sign", `/tenants/${slug}/sign`, `{"alg":"ES256","claims":{"a":${deep}}}`],
      ["deep body to /keys", `/tenants/${slug}/keys`, `{"alg":${deep}}`],
      ["400 KiB body to /sign", `/tenants/${slug}/sign`, huge],
      ["400 KiB body to /keys", `/tenants/${slug}/keys`, huge],
    ];
    for (const [name, route, body] of cases) {
      const response = await admin("POST", route, body);
      expect([name, response.status, response.body?.error?.code]).toEqual([
        name,
        400,
        "invalid_request",
      ]);
    }
  });
});
