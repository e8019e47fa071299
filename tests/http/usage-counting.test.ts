import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, startServer, type RunningServer } from "../support/server";

// The proof the issue asks for: N signatures and M JWKS fetches made over HTTP read back as
// exactly N and M from the usage API after a flush — through two instances on one
// PostgreSQL when KEYWARD_TEST_DATABASE_URL is set (PGlite allows one process per folder,
// so that run uses one instance).

const onPostgres = Boolean(process.env.KEYWARD_TEST_DATABASE_URL);
const FLUSH_MS = "300";
const masterKey = crypto.randomBytes(32).toString("base64");

let first: RunningServer;
let second: RunningServer;
const servers: RunningServer[] = [];
const slug = `usage-${crypto.randomBytes(3).toString("hex")}`;
let signToken: string;
let readToken: string;

async function start(env: Record<string, string>, databaseUrl?: string, dataDir?: string) {
  const server = await startServer({
    databaseUrl,
    dataDir,
    env: { KEYWARD_MASTER_KEY: masterKey, ...env },
  });
  servers.push(server);
  return server;
}

async function usage(server: RunningServer, window = "1h") {
  const response = await apiClient(server.url, readToken)(
    "GET",
    `/tenants/${slug}/usage?window=${window}`,
  );
  expect(response.status, response.text).toBe(200);
  return response.body;
}

/** Polls the usage API until `done` holds, with a deadline: flushes happen on a timer. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 15_000;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    value = await read();
  }
  return value;
}

async function sign(server: RunningServer, count: number) {
  for (let i = 0; i < count; i++) {
    const response = await apiClient(server.url, signToken)("POST", `/tenants/${slug}/sign`, {
      alg: "ES256",
      claims: { sub: `user-${i}` },
    });
    expect(response.status, response.text).toBe(200);
  }
}

async function fetchJwks(server: RunningServer, userAgent: string, etag?: string) {
  const response = await fetch(`${server.url}/t/${slug}/.well-known/jwks.json`, {
    headers: { "user-agent": userAgent, ...(etag ? { "if-none-match": etag } : {}) },
  });
  await response.arrayBuffer();
  return response;
}

beforeAll(async () => {
  first = await start({ KEYWARD_USAGE_FLUSH_MS: FLUSH_MS });
  second = onPostgres
    ? await start({ KEYWARD_USAGE_FLUSH_MS: FLUSH_MS }, first.databaseUrl)
    : first;

  const admin = apiClient(first.url, first.adminToken);
  expect((await admin("POST", "/tenants", { slug, name: "Usage" })).status).toBe(201);
  expect((await admin("POST", `/tenants/${slug}/keys`, { alg: "ES256" })).status).toBe(201);
  signToken = (
    await admin("POST", `/tenants/${slug}/tokens`, { name: "svc", scopes: ["keys:sign"] })
  ).body.token;
  readToken = (
    await admin("POST", `/tenants/${slug}/tokens`, { name: "dash", scopes: ["keys:read"] })
  ).body.token;
});

afterAll(async () => {
  // Scratch databases belong to the first server; stop it last.
  for (const server of [...servers].reverse()) await server.stop();
});

describe("usage over HTTP", () => {
  it(`counts N signatures and M JWKS fetches exactly (${onPostgres ? "two instances, one PostgreSQL" : "one instance, PGlite"})`, async () => {
    const N = 7;
    await sign(first, 4);
    await sign(second, N - 4);

    const etag = (await fetchJwks(first, "Go-http-client/1.1")).headers.get("etag")!;
    const fetches = [
      await fetchJwks(second, "Go-http-client/1.1"),
      await fetchJwks(first, "Go-http-client/1.1", etag),
      await fetchJwks(second, "Go-http-client/1.1", etag),
      await fetchJwks(second, "python-requests/2.32.3", etag),
      await fetchJwks(first, "python-requests/2.32.3"),
    ];
    const M = fetches.length + 1;
    expect(fetches.map((r) => r.status)).toEqual([200, 304, 304, 304, 200]);

    const counted = await eventually(
      () => usage(first),
      (u) => u.keys[0]?.signatures >= N && u.jwks.fetches >= M,
    );
    expect(counted.keys).toHaveLength(1);
    expect(counted.keys[0]).toMatchObject({ signatures: N, verifications: 0, safeToRetire: false });
    expect(counted.keys[0].lastUsedAt).toEqual(expect.any(String));
    expect(counted.jwks).toMatchObject({ fetches: M, notModified: 3 });
    expect(counted.jwks.topConsumers).toEqual([
      { family: "go-http-client", fetches: 4, notModified: 2 },
      { family: "python-requests", fetches: 2, notModified: 1 },
    ]);
    expect(
      counted.series.reduce((sum: number, b: { signatures: number }) => sum + b.signatures, 0),
    ).toBe(N);

    // Several more flush intervals change nothing: increments are written once.
    await new Promise((r) => setTimeout(r, 4 * Number(FLUSH_MS)));
    const later = await usage(second, "24h");
    expect(later.keys[0].signatures).toBe(N);
    expect(later.jwks).toMatchObject({ fetches: M, notModified: 3 });
  });

  it("writes what is left on shutdown, however long the flush interval", async () => {
    // A restart on the same data (folder or PostgreSQL database) must find every count.
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "keyward-usage-restart-"));
    const env = {
      KEYWARD_USAGE_FLUSH_MS: "60000",
      KEYWARD_ADMIN_TOKEN: `kw_restart_${crypto.randomBytes(16).toString("hex")}`,
    };
    const databaseUrl = first.databaseUrl;
    try {
      const slow = await start(env, databaseUrl, dataDir);
      const tenant = `restart-${crypto.randomBytes(3).toString("hex")}`;
      const admin = apiClient(slow.url, slow.adminToken);
      await admin("POST", "/tenants", { slug: tenant, name: "Restart" });
      await admin("POST", `/tenants/${tenant}/keys`, { alg: "ES256" });
      for (let i = 0; i < 3; i++) {
        expect((await admin("POST", `/tenants/${tenant}/sign`, { alg: "ES256" })).status).toBe(200);
      }
      await slow.stop();

      const restarted = await start(env, databaseUrl, dataDir);
      const read = await apiClient(restarted.url, restarted.adminToken)(
        "GET",
        `/tenants/${tenant}/usage?window=1h`,
      );
      expect(read.body.keys[0].signatures).toBe(3);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
