import { compactVerify, importJWK, type JWK } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, startServer, type RunningServer } from "../support/server";

let server: RunningServer;
let admin: ReturnType<typeof apiClient>;
let auditor: ReturnType<typeof apiClient>;
let reader: ReturnType<typeof apiClient>;
const slug = `audit-${Math.random().toString(36).slice(2, 8)}`;
let kid: string;

beforeAll(async () => {
  server = await startServer();
  admin = apiClient(server.url, server.adminToken);
  await admin("POST", "/tenants", { slug, name: "Audit API" });
  kid = (await admin("POST", `/tenants/${slug}/keys`, { alg: "ES256" })).body.key.kid;
  await admin("POST", `/tenants/${slug}/keys`, { alg: "EdDSA" });
  await admin("POST", `/tenants/${slug}/keys/${kid}/revoke`, { reason: "superseded" });
  const audit = await admin("POST", `/tenants/${slug}/tokens`, {
    name: "auditor",
    scopes: ["audit:read"],
  });
  const keys = await admin("POST", `/tenants/${slug}/tokens`, {
    name: "keys",
    scopes: ["keys:read"],
  });
  auditor = apiClient(server.url, audit.body.token);
  reader = apiClient(server.url, keys.body.token);
});
afterAll(() => server?.stop());

describe("audit API", () => {
  it("filters and pages with nextCursor", async () => {
    const revoked = await auditor("GET", `/tenants/${slug}/audit?action=key.revoked`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.events).toHaveLength(1);
    expect(revoked.body.events[0]).toMatchObject({
      action: "key.revoked",
      kid,
      outcome: "success",
    });

    const first = await auditor("GET", `/tenants/${slug}/audit?limit=2`);
    expect(first.body.events).toHaveLength(2);
    const next = await auditor(
      "GET",
      `/tenants/${slug}/audit?limit=2&cursor=${first.body.nextCursor}`,
    );
    expect(BigInt(next.body.events[0].id)).toBeLessThan(BigInt(first.body.events[1].id));

    const bad = await auditor("GET", `/tenants/${slug}/audit?from=tomorrow`);
    expect(bad).toMatchObject({ status: 400, body: { error: { code: "invalid_request" } } });
    expect(bad.body.error.message).toMatch(/from/);
  });

  it("verifies the chain, with progress lines on request", async () => {
    const verdict = await auditor("GET", `/tenants/${slug}/audit/verify`);
    expect(verdict.status).toBe(200);
    expect(verdict.body).toMatchObject({ ok: true, checked: expect.any(Number) });
    expect(verdict.body.checked).toBeGreaterThanOrEqual(6);

    const streamed = await auditor("GET", `/tenants/${slug}/audit/verify`, undefined, {
      accept: "application/x-ndjson",
    });
    const lines = streamed.text
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.at(-1)).toMatchObject({ type: "result", ok: true });
  });

  it("streams CSV and JSON Lines exports as downloads", async () => {
    const csv = await fetch(
      `${server.url}/api/v1/tenants/${slug}/audit/export?format=csv&kid=${kid}`,
      {
        headers: { authorization: `Bearer ${server.adminToken}` },
      },
    );
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toMatch(/text\/csv/);
    expect(csv.headers.get("content-disposition")).toMatch(
      /attachment; filename="keyward-audit-.*\.csv"/,
    );
    const rows = (await csv.text()).trim().split("\r\n");
    expect(rows[0]).toMatch(/^id,created_at,.*,prev_hash,hash$/);
    expect(rows).toHaveLength(3);

    const jsonl = await auditor("GET", `/tenants/${slug}/audit/export?format=jsonl`);
    const events = jsonl.text
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(events[0]).toMatchObject({
      action: "tenant.created",
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });

    const bad = await auditor("GET", `/tenants/${slug}/audit/export?format=pdf`);
    expect(bad.status).toBe(400);
  });

  it("offers a signed checkpoint that verifies with the published keys", async () => {
    const response = await auditor("GET", `/tenants/${slug}/audit/checkpoint`);
    expect(response.status).toBe(200);
    const published = await fetch(`${server.url}/api/v1/audit/checkpoint-keys`);
    expect(published.status).toBe(200);
    const keys = (await published.json()) as { keys: JWK[] };
    const key = keys.keys.find((k) => k.kid === response.body.checkpoint.kid)!;
    const { payload } = await compactVerify(
      response.body.checkpoint.jws,
      await importJWK(key, "EdDSA"),
    );
    expect(JSON.parse(new TextDecoder().decode(payload))).toMatchObject({
      headId: response.body.checkpoint.headId,
      headHash: response.body.checkpoint.headHash,
    });
  });

  it("refuses tokens without audit:read and hides other tenants", async () => {
    for (const path of ["audit", "audit/verify", "audit/export", "audit/checkpoint"]) {
      const refused = await reader("GET", `/tenants/${slug}/${path}`);
      expect(refused.status, path).toBe(403);
      const foreign = await auditor("GET", `/tenants/no-such-${slug}/${path}`);
      expect(foreign.status, path).toBe(404);
    }
  });
});
