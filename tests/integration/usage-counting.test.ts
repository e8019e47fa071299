import { afterEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { generateKey, getTenantKey, revokeKey, rotateSlot } from "@/lib/keys/service";
import { signToken } from "@/lib/keys/sign";
import { verifyToken } from "@/lib/keys/verify";
import { installUsageRecorder, uninstallUsageRecorder } from "@/lib/usage/counting";
import { UsageFlusher } from "@/lib/usage/flusher";
import { UsageRecorder, type UsageBatch } from "@/lib/usage/recorder";
import { getKeyUsage, getTenantUsage } from "@/lib/usage/service";
import { updateTenant } from "@/lib/tenants/service";
import {
  instanceAdmin,
  memberWithRole,
  outcome,
  seedTenant,
  tokenActor,
} from "../support/fixtures";

// Usage is counted by the real sign and verify paths into an installed recorder, flushed
// by the real flusher into the database, and read back through the service the API uses.

afterEach(() => uninstallUsageRecorder());

function instance() {
  const recorder = installUsageRecorder(new UsageRecorder());
  return { recorder, flusher: new UsageFlusher(recorder, { intervalMs: 60_000 }) };
}

async function tenantWithKey(alg = "ES256") {
  const admin = await instanceAdmin();
  const tenant = await seedTenant(admin);
  const key = await generateKey(admin, tenant.slug, { alg: alg as "ES256" });
  const signer = await tokenActor(admin, tenant.slug, ["keys:sign"]);
  const reader = await tokenActor(admin, tenant.slug, ["keys:read"]);
  return { admin, tenant, slug: tenant.slug, key, signer, reader };
}

async function signMany(actor: Actor, slug: string, count: number, claims = {}) {
  const tokens: string[] = [];
  for (let i = 0; i < count; i++)
    tokens.push((await signToken(actor, slug, { alg: "ES256", claims })).token);
  return tokens;
}

describe("usage counting", () => {
  it("two instances' counts add up exactly in one database", async () => {
    const { admin, tenant, slug, key, signer, reader } = await tenantWithKey();

    const first = instance();
    const tokens = await signMany(signer, slug, 3);
    first.recorder.countJwksFetch(tenant.id, "Go-http-client/1.1", false);
    first.recorder.countJwksFetch(tenant.id, "Go-http-client/1.1", true);

    const second = instance();
    await signMany(signer, slug, 4);
    await verifyToken(reader, slug, { token: tokens[0] });
    second.recorder.countJwksFetch(tenant.id, "Go-http-client/1.1", true);
    second.recorder.countJwksFetch(tenant.id, "python-requests/2.32", false);

    // Both write the same (tenant, key, kind, minute) rows at the same time.
    await Promise.all([first.flusher.flush(), second.flusher.flush()]);
    const usage = await getTenantUsage(admin, slug, "1h");

    const row = usage.keys.find((k) => k.kid === key.kid)!;
    expect(row).toMatchObject({ signatures: 7, verifications: 1 });
    expect(row.lastUsedAt).not.toBeNull();
    expect(usage.jwks).toMatchObject({ fetches: 4, notModified: 2 });
    expect(usage.jwks.topConsumers).toEqual([
      { family: "go-http-client", fetches: 3, notModified: 2 },
      { family: "python-requests", fetches: 1, notModified: 0 },
    ]);
    expect(usage.series).toHaveLength(60);
    expect(usage.series.reduce((sum, b) => sum + b.signatures, 0)).toBe(7);

    // A second flush with nothing new changes nothing; new counts add to the old.
    await signMany(signer, slug, 2);
    await Promise.all([first.flusher.flush(), second.flusher.flush(), second.flusher.flush()]);
    const again = await getTenantUsage(admin, slug, "24h");
    expect(again.keys.find((k) => k.kid === key.kid)).toMatchObject({ signatures: 9 });
  });

  it("keeps a failed flush in memory and writes it with the next one", async () => {
    const { admin, slug, key, signer } = await tenantWithKey();
    const { recorder } = instance();
    let failures = 1;
    const flusher = new UsageFlusher(recorder, {
      intervalMs: 60_000,
      write: async (batch: UsageBatch) => {
        if (failures-- > 0) throw new Error("database unreachable");
        const { addUsage } = await import("@/lib/db/usage");
        await addUsage(batch);
      },
    });

    await signMany(signer, slug, 2);
    await flusher.flush();
    expect((await getTenantUsage(admin, slug, "1h")).keys[0].signatures).toBe(0);

    await signMany(signer, slug, 1);
    await flusher.flush();
    const usage = await getTenantUsage(admin, slug, "1h");
    expect(usage.keys.find((k) => k.kid === key.kid)?.signatures).toBe(3);
  });

  it("never moves a key's last use backwards", async () => {
    const { admin, tenant, slug, key } = await tenantWithKey();
    const prisma = await db();
    const row = await prisma.key.findUniqueOrThrow({
      where: { tenantId_kid: { tenantId: tenant.id, kid: key.kid } },
    });
    const { addUsage } = await import("@/lib/db/usage");

    const later = Date.parse("2026-12-04T12:00:00Z");
    await addUsage({ counters: [], lastUsed: [{ tenantId: tenant.id, keyId: row.id, at: later }] });
    await addUsage({
      counters: [],
      lastUsed: [{ tenantId: tenant.id, keyId: row.id, at: later - 60_000 }],
    });

    const usage = await getKeyUsage(admin, slug, key.kid);
    expect(usage?.lastUsedAt).toBe(new Date(later).toISOString());
  });
});

describe("safe to retire", () => {
  it("marks a retired key safe once the overlap passes without use, and not after a use", async () => {
    const { admin, slug, signer, reader } = await tenantWithKey();
    await updateTenant(admin, slug, {
      maxTokenLifetimeSeconds: 60,
      verifierCacheSeconds: 30,
      clockSkewSeconds: 10,
    });
    const { flusher } = instance();
    const [oldToken] = await signMany(signer, slug, 1);
    // Promoted at once (emergency): the lead time is another feature's concern.
    await generateKey(admin, slug, { alg: "ES256" });
    const { retired: previous } = await rotateSlot(admin, slug, {
      alg: "ES256",
      emergency: true,
      reason: "usage test",
    });
    const { key: retired } = await getTenantKey(admin, slug, previous!.kid);
    const retiredAt = retired.retiredAt!.getTime();

    const during = await getTenantUsage(admin, slug, "1h", new Date(retiredAt + 99_000));
    const after = await getTenantUsage(admin, slug, "1h", new Date(retiredAt + 100_000));
    const find = (u: typeof during) => u.keys.find((k) => k.kid === retired.kid)!;
    expect(during.overlapSeconds).toBe(100);
    expect(find(during)).toMatchObject({ safeToRetire: false });
    expect(find(after).safeToRetire).toBe(true);
    expect(find(after).safeToRetireReason).toContain("longer than the 1 min 40 s overlap");
    expect(after.keys.find((k) => k.state === "active")?.safeToRetire).toBe(false);

    // A service still asks Keyward about the retired key's tokens: the clock restarts. (The
    // recorder's clock ticks every 250 ms; wait so the use falls clearly after retirement.)
    await new Promise((r) => setTimeout(r, 600));
    await verifyToken(reader, slug, { token: oldToken });
    await flusher.flush();
    const used = await getTenantUsage(admin, slug, "1h", new Date(Date.now() + 50_000));
    expect(find(used)).toMatchObject({ safeToRetire: false, verifications: 1 });
    expect(find(used).safeToRetireReason).toContain("last used");
  });
});

describe("verify", () => {
  it("answers each failure with its code, and counts verifications against the key", async () => {
    const { admin, slug, key, signer, reader } = await tenantWithKey();
    const other = await tenantWithKey();
    const { flusher } = instance();
    const now = new Date();
    const [valid] = await signMany(signer, slug, 1, { sub: "user-1" });
    const future = Math.floor(now.getTime() / 1000) + 3600;
    const [early] = await signMany(signer, slug, 1, { nbf: future });
    const [foreign] = await signMany(other.signer, other.slug, 1);
    const [header, payload, signature] = valid.split(".");
    const tampered = `${header}.${payload}.${signature.slice(0, -4)}AAAA`;
    const later = new Date(now.getTime() + 2 * 3600_000);

    const cases: [string, string, Date, unknown][] = [
      ["valid", valid, now, { valid: true, kid: key.kid }],
      ["expired", valid, later, { valid: false, code: "expired" }],
      ["not yet valid", early, now, { valid: false, code: "not_yet_valid" }],
      ["other tenant's key", foreign, now, { valid: false, code: "unknown_kid" }],
      ["tampered", tampered, now, { valid: false, code: "bad_signature" }],
      ["not a JWT", "not-a-token", now, { valid: false, code: "malformed" }],
      ["no kid", "eyJhbGciOiJFUzI1NiJ9.e30.c2ln", now, { valid: false, code: "malformed" }],
    ];
    for (const [name, token, at, expected] of cases) {
      const result = await verifyToken(reader, slug, { token }, at);
      expect(result, name).toMatchObject(expected as object);
      if (!result.valid) expect(result.reason.length, name).toBeGreaterThan(10);
    }
    const ok = await verifyToken(reader, slug, { token: valid }, now);
    expect(ok.valid && ok.claims.sub).toBe("user-1");

    await revokeKey(admin, slug, key.kid, { reason: "compromised" });
    expect(await verifyToken(reader, slug, { token: valid }, now)).toMatchObject({
      valid: false,
      code: "key_revoked",
    });

    // valid, expired, not yet valid, tampered, valid again, revoked: six reached the key.
    await flusher.flush();
    const usage = await getKeyUsage(admin, slug, key.kid);
    expect(usage?.windows["1h"]).toEqual({ signatures: 2, verifications: 6 });
    await expect(verifyToken(reader, slug, {})).rejects.toThrow(/token must be a compact JWS/);
  });
});

describe("usage authorization", () => {
  it("lets every role and keys:read tokens read usage and verify; others are refused", async () => {
    const { admin, slug, signer, reader } = await tenantWithKey();
    const viewer = await memberWithRole(admin, slug, "viewer");
    const outsider = await tenantWithKey();
    const [token] = await signMany(signer, slug, 1);

    const outsiderMember = await memberWithRole(outsider.admin, outsider.slug, "admin");

    const cases: [string, () => Promise<unknown>, string][] = [
      ["viewer reads usage", () => getTenantUsage(viewer, slug, "30d"), "ok"],
      ["keys:read token reads usage", () => getTenantUsage(reader, slug, "24h"), "ok"],
      ["keys:read token verifies", () => verifyToken(reader, slug, { token }), "ok"],
      ["keys:sign token reads usage", () => getTenantUsage(signer, slug, "1h"), "forbidden"],
      ["keys:sign token verifies", () => verifyToken(signer, slug, { token }), "forbidden"],
      ["other tenant's token", () => getTenantUsage(outsider.reader, slug, "1h"), "not_found"],
      ["other tenant's admin", () => getTenantUsage(outsiderMember, slug, "1h"), "not_found"],
      ["other tenant's verify", () => verifyToken(outsider.reader, slug, { token }), "not_found"],
      ["unknown window", () => getTenantUsage(admin, slug, "7d"), "invalid_request"],
    ];
    for (const [name, work, expected] of cases) expect(await outcome(work()), name).toBe(expected);
  });
});
