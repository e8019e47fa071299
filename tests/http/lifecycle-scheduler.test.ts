import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, startServer, type RunningServer } from "../support/server";

// The scheduler inside the real server. On PostgreSQL two instances share one database
// and tick every 200 ms: the policy's first step must still happen exactly once.

const servers: RunningServer[] = [];

beforeAll(async () => {
  const env = { KEYWARD_SCHEDULER_INTERVAL_MS: "200" };
  const first = await startServer({ env });
  servers.push(first);
  if (first.databaseUrl) {
    servers.push(
      await startServer({
        databaseUrl: first.databaseUrl,
        env: { ...env, KEYWARD_ADMIN_TOKEN: first.adminToken },
      }),
    );
  }
});
afterAll(async () => {
  for (const server of servers.reverse()) await server.stop();
});

describe("scheduler in the server", () => {
  it("stages the next key exactly once, as the system, with every instance ticking", async () => {
    const api = apiClient(servers[0].url, servers[0].adminToken);
    const slug = `sched-${Math.random().toString(36).slice(2, 8)}`;
    await api("POST", "/tenants", { slug, name: slug });
    await api("POST", `/tenants/${slug}/keys`, { alg: "ES256" });
    expect(
      (await api("PUT", `/tenants/${slug}/policies/ES256`, { rotateEveryDays: 30 })).status,
    ).toBe(200);

    const deadline = Date.now() + 15_000;
    let staged: { kid: string }[] = [];
    while (Date.now() < deadline && staged.length === 0) {
      await new Promise((r) => setTimeout(r, 200));
      staged = (await api("GET", `/tenants/${slug}/keys`)).body.keys.filter(
        (k: { state: string }) => k.state === "staged",
      );
    }
    expect(staged).toHaveLength(1);
    // Many more ticks on every instance: nothing else may happen.
    await new Promise((r) => setTimeout(r, 2_000));

    const keys = (await api("GET", `/tenants/${slug}/keys`)).body.keys;
    expect(keys.map((k: { state: string }) => k.state).sort()).toEqual(["active", "staged"]);
    const audit = await api("GET", `/tenants/${slug}/audit?limit=50`);
    const created = audit.body.events.filter(
      (e: { action: string; actor: { type: string } }) =>
        e.action === "key.created" && e.actor.type === "system",
    );
    expect(created).toHaveLength(1);
    expect(created[0].kid).toBe(staged[0].kid);
    expect(servers.length).toBe(process.env.KEYWARD_TEST_DATABASE_URL ? 2 : 1);
  });
});
