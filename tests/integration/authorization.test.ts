import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { listTenantAudit } from "@/lib/audit/service";
import { db } from "@/lib/db/client";
import { generateKey, listTenantKeys, revokeKey, rotateSlot } from "@/lib/keys/service";
import { signToken } from "@/lib/keys/sign";
import { addMember, listTenantMembers } from "@/lib/members/service";
import { createTenant, updateTenant } from "@/lib/tenants/service";
import { createApiToken, listTenantApiTokens } from "@/lib/tokens/service";
import {
  instanceAdmin,
  memberWithRole,
  outcome,
  seedTenant,
  tokenActor,
  uniqueSlug,
} from "../support/fixtures";

// Every action as every role, against the design's matrix. "not_found" for outsiders:
// a tenant you do not belong to looks exactly like one that does not exist.

type Who =
  | "admin"
  | "key_manager"
  | "auditor"
  | "viewer"
  | "outsider"
  | "token:keys:read"
  | "token:keys:rotate"
  | "token:keys:sign"
  | "token:audit:read";

const actions: Record<
  string,
  (actor: Actor, slug: string, ctx: { kid: string }) => Promise<unknown>
> = {
  "read keys": (a, s) => listTenantKeys(a, s),
  "generate key": (a, s) => generateKey(a, s, { alg: "ES256" }),
  // Emergency: the key staged for the attempt has not had its lead (lifecycle tests cover that).
  rotate: (a, s) => rotateSlot(a, s, { alg: "ES256", emergency: true, reason: "authz matrix" }),
  revoke: (a, s, { kid }) => revokeKey(a, s, kid, { reason: "superseded" }),
  sign: (a, s) => signToken(a, s, { alg: "ES256", claims: { sub: "x" } }),
  "read audit": (a, s) => listTenantAudit(a, s, {}),
  "update settings": (a, s) => updateTenant(a, s, { jwksMaxAgeSeconds: 120 }),
  "list members": (a, s) => listTenantMembers(a, s),
  "add member": (a, s) =>
    addMember(a, s, { email: `${crypto.randomUUID()}@example.test`, role: "viewer" }),
  "create API token": (a, s) => createApiToken(a, s, { name: "x", scopes: ["keys:read"] }),
  "list API tokens": (a, s) => listTenantApiTokens(a, s),
};

const F = "forbidden";
const N = "not_found";
const expected: Record<string, Record<Who, string>> = {
  "read keys": {
    admin: "ok",
    key_manager: "ok",
    auditor: "ok",
    viewer: "ok",
    outsider: N,
    "token:keys:read": "ok",
    "token:keys:rotate": "ok",
    "token:keys:sign": F,
    "token:audit:read": F,
  },
  "generate key": {
    admin: "ok",
    key_manager: "ok",
    auditor: F,
    viewer: F,
    outsider: N,
    "token:keys:read": F,
    "token:keys:rotate": "ok",
    "token:keys:sign": F,
    "token:audit:read": F,
  },
  rotate: {
    admin: "ok",
    key_manager: "ok",
    auditor: F,
    viewer: F,
    outsider: N,
    "token:keys:read": F,
    "token:keys:rotate": "ok",
    "token:keys:sign": F,
    "token:audit:read": F,
  },
  revoke: {
    admin: "ok",
    key_manager: "ok",
    auditor: F,
    viewer: F,
    outsider: N,
    "token:keys:read": F,
    "token:keys:rotate": F,
    "token:keys:sign": F,
    "token:audit:read": F,
  },
  sign: {
    admin: F,
    key_manager: F,
    auditor: F,
    viewer: F,
    outsider: N,
    "token:keys:read": F,
    "token:keys:rotate": F,
    "token:keys:sign": "ok",
    "token:audit:read": F,
  },
  "read audit": {
    admin: "ok",
    key_manager: F,
    auditor: "ok",
    viewer: F,
    outsider: N,
    "token:keys:read": F,
    "token:keys:rotate": F,
    "token:keys:sign": F,
    "token:audit:read": "ok",
  },
  "update settings": {
    admin: "ok",
    key_manager: F,
    auditor: F,
    viewer: F,
    outsider: N,
    "token:keys:read": F,
    "token:keys:rotate": F,
    "token:keys:sign": F,
    "token:audit:read": F,
  },
  "list members": {
    admin: "ok",
    key_manager: F,
    auditor: F,
    viewer: F,
    outsider: N,
    "token:keys:read": F,
    "token:keys:rotate": F,
    "token:keys:sign": F,
    "token:audit:read": F,
  },
  "add member": {
    admin: "ok",
    key_manager: F,
    auditor: F,
    viewer: F,
    outsider: N,
    "token:keys:read": F,
    "token:keys:rotate": F,
    "token:keys:sign": F,
    "token:audit:read": F,
  },
  "create API token": {
    admin: "ok",
    key_manager: F,
    auditor: F,
    viewer: F,
    outsider: N,
    "token:keys:read": F,
    "token:keys:rotate": F,
    "token:keys:sign": F,
    "token:audit:read": F,
  },
  "list API tokens": {
    admin: "ok",
    key_manager: F,
    auditor: F,
    viewer: F,
    outsider: N,
    "token:keys:read": F,
    "token:keys:rotate": F,
    "token:keys:sign": F,
    "token:audit:read": F,
  },
};

describe("authorization matrix", () => {
  it("allows, forbids or hides every action for every role exactly as designed", async () => {
    const root = await instanceAdmin();
    const slug = uniqueSlug("authz");
    await seedTenant(root, slug);
    const other = uniqueSlug("other");
    await seedTenant(root, other);

    const actors: Record<Who, Actor> = {
      admin: await memberWithRole(root, slug, "admin"),
      key_manager: await memberWithRole(root, slug, "key_manager"),
      auditor: await memberWithRole(root, slug, "auditor"),
      viewer: await memberWithRole(root, slug, "viewer"),
      outsider: await memberWithRole(root, other, "admin"),
      "token:keys:read": await tokenActor(root, slug, ["keys:read"]),
      "token:keys:rotate": await tokenActor(root, slug, ["keys:rotate"]),
      "token:keys:sign": await tokenActor(root, slug, ["keys:sign"]),
      "token:audit:read": await tokenActor(root, slug, ["audit:read"]),
    };

    const seen: Record<string, Record<string, string>> = {};
    for (const [name, run] of Object.entries(actions)) {
      seen[name] = {};
      for (const [who, actor] of Object.entries(actors)) {
        // A fresh active key per attempt, so revoke and sign always have something to act on.
        const key = await generateKey(root, slug, { alg: "ES256" });
        await rotateSlot(root, slug, { alg: "ES256", emergency: true, reason: "fresh key" });
        seen[name][who] = await outcome(run(actor, slug, { kid: key.kid }));
      }
    }
    expect(seen).toEqual(expected);
  });

  it("hides a tenant from a token of another tenant, like a missing one", async () => {
    const root = await instanceAdmin();
    const a = uniqueSlug("a");
    const b = uniqueSlug("b");
    await seedTenant(root, a);
    await seedTenant(root, b);
    const tokenOfA = await tokenActor(root, a, ["keys:read", "keys:sign", "keys:rotate"]);

    expect(await outcome(listTenantKeys(tokenOfA, b))).toBe("not_found");
    expect(await outcome(listTenantKeys(tokenOfA, "does-not-exist"))).toBe("not_found");
    const missing = await listTenantKeys(tokenOfA, b).catch((e) => e.message);
    const absent = await listTenantKeys(tokenOfA, "does-not-exist").catch((e) => e.message);
    expect(missing).toBe(absent);
  });

  it("records every denied attempt in the audit trail", async () => {
    const root = await instanceAdmin();
    const slug = uniqueSlug("deny");
    await seedTenant(root, slug);
    const viewer = await memberWithRole(root, slug, "viewer");

    await expect(generateKey(viewer, slug, { alg: "ES256" })).rejects.toMatchObject({
      code: "forbidden",
    });

    const prisma = await db();
    const denied = await prisma.auditEvent.findMany({
      where: { actorId: viewer.userId, outcome: "denied" },
    });
    expect(denied.map((e) => e.action)).toEqual(["key.created"]);
  });

  it("lets only instance administrators create tenants", async () => {
    const root = await instanceAdmin();
    const slug = uniqueSlug("inst");
    await seedTenant(root, slug);
    const tenantAdmin = await memberWithRole(root, slug, "admin");
    const token = await tokenActor(root, slug, ["keys:rotate"]);

    expect(await outcome(createTenant(tenantAdmin, { slug: uniqueSlug(), name: "x" }))).toBe(
      "forbidden",
    );
    expect(await outcome(createTenant(token, { slug: uniqueSlug(), name: "x" }))).toBe("forbidden");
    expect(await outcome(createTenant(root, { slug: uniqueSlug(), name: "x" }))).toBe("ok");
  });
});
