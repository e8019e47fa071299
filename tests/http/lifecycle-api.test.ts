import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, startServer, type RunningServer } from "../support/server";

// The lifecycle through /api/v1 on the production server: refusals say why and when,
// destruction needs a second person, policies round-trip. Scheduler off: time is ours.

let server: RunningServer;
let admin: ReturnType<typeof apiClient>;

beforeAll(async () => {
  server = await startServer({ env: { KEYWARD_SCHEDULER_INTERVAL_MS: "0" } });
  admin = apiClient(server.url, server.adminToken);
});
afterAll(() => server?.stop());

async function tenantWithKey() {
  const slug = `life-${Math.random().toString(36).slice(2, 8)}`;
  expect((await admin("POST", "/tenants", { slug, name: slug })).status).toBe(201);
  const key = await admin("POST", `/tenants/${slug}/keys`, { alg: "ES256" });
  return { slug, kid: key.body.key.kid as string };
}

describe("lifecycle API", () => {
  it("refuses an early rotation with 409 and the safe time, and takes an emergency one", async () => {
    const { slug, kid } = await tenantWithKey();

    const nothingStaged = await admin("POST", `/tenants/${slug}/rotate`, { alg: "ES256" });
    expect(nothingStaged.status).toBe(409);
    expect(nothingStaged.body.error.message).toMatch(
      /^No ES256 key is staged\. Stage a key first \(generate one\); it becomes safe to promote at \d{4}-\d\d-\d\dT[\d:.]+Z \(in 10 min\)/,
    );

    const staged = await admin("POST", `/tenants/${slug}/keys`, { alg: "ES256" });
    const early = await admin("POST", `/tenants/${slug}/rotate`, { alg: "ES256" });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe("conflict");
    expect(early.body.error.message).toContain("becomes safe to promote at");

    const noReason = await admin("POST", `/tenants/${slug}/rotate`, {
      alg: "ES256",
      emergency: true,
    });
    expect([noReason.status, noReason.body.error.fields]).toEqual([
      422,
      { reason: "Give a reason for an emergency promotion; it is recorded in the audit trail." },
    ]);

    const rotated = await admin("POST", `/tenants/${slug}/rotate`, {
      alg: "ES256",
      emergency: true,
      reason: "drill",
    });
    expect(rotated.status).toBe(200);
    expect([rotated.body.active.kid, rotated.body.retired.kid]).toEqual([staged.body.key.kid, kid]);

    const unpublish = await admin("POST", `/tenants/${slug}/keys/${kid}/unpublish`);
    expect(unpublish.status).toBe(409);
    expect(unpublish.body.error.message).toMatch(/safe to unpublish at .* \(in 1 h 11 min\)/);

    const activate = await admin("POST", `/tenants/${slug}/keys/${kid}/activate`);
    expect([activate.status, activate.body.error.message]).toEqual([
      409,
      "Only a staged key can be activated. This key is retired.",
    ]);
  });

  it("schedules destruction, refuses self-approval, and cancels", async () => {
    const { slug, kid } = await tenantWithKey();
    const path = `/tenants/${slug}/keys/${kid}/destroy`;

    const fromActive = await admin("POST", path, { waitingDays: 10 });
    expect(fromActive.status).toBe(409);
    await admin("POST", `/tenants/${slug}/keys/${kid}/revoke`, { reason: "superseded" });
    expect((await admin("POST", path, { waitingDays: 91 })).status).toBe(422);

    const scheduled = await admin("POST", path, { waitingDays: 10 });
    expect(scheduled.status).toBe(202);
    expect(scheduled.body.key.state).toBe("destroy_scheduled");
    expect(scheduled.body.key.destruction).toMatchObject({ approved: false });

    const own = await admin("POST", `${path}/approve`);
    expect([own.status, own.body.error.message]).toEqual([
      403,
      "A second member must approve: you requested this destruction yourself.",
    ]);
    const revoke = await admin("POST", `/tenants/${slug}/keys/${kid}/revoke`, {
      reason: "other",
      note: "x",
    });
    expect(revoke.status).toBe(409);

    const cancelled = await admin("DELETE", path);
    expect([cancelled.status, cancelled.body.key.state, cancelled.body.key.destruction]).toEqual([
      200,
      "revoked",
      null,
    ]);
    expect((await admin("DELETE", path)).status).toBe(409);
    expect((await admin("POST", `/tenants/${slug}/keys/nope/destroy`, {})).status).toBe(404);
  });

  it("sets, lists and removes policies; only admins may", async () => {
    const { slug } = await tenantWithKey();
    const created = await admin("POST", `/tenants/${slug}/tokens`, {
      name: "rot",
      scopes: ["keys:rotate"],
    });
    const rotator = apiClient(server.url, created.body.token);

    const put = await admin("PUT", `/tenants/${slug}/policies/ES256`, { rotateEveryDays: 30 });
    expect(put.status).toBe(200);
    expect(put.body.policy).toMatchObject({
      alg: "ES256",
      rotateEveryDays: 30,
      keepStaged: true,
      autoUnpublish: true,
      enabled: true,
    });
    expect(
      (await rotator("PUT", `/tenants/${slug}/policies/ES256`, { rotateEveryDays: 1 })).status,
    ).toBe(403);
    expect(
      (await admin("PUT", `/tenants/${slug}/policies/ES256`, { rotateEveryDays: 0 })).status,
    ).toBe(422);
    expect(
      (await admin("PUT", `/tenants/${slug}/policies/XX999`, { rotateEveryDays: 5 })).status,
    ).toBe(422);

    const listed = await rotator("GET", `/tenants/${slug}/policies`);
    expect(listed.status).toBe(200);
    expect(listed.body.policies).toHaveLength(1);
    expect(listed.body.policies[0].nextRotationAt).toEqual(expect.any(String));

    expect((await admin("DELETE", `/tenants/${slug}/policies/ES256`)).status).toBe(200);
    expect((await admin("DELETE", `/tenants/${slug}/policies/ES256`)).status).toBe(404);
    expect((await admin("GET", `/tenants/no-such-tenant/policies`)).status).toBe(404);
  });
});
