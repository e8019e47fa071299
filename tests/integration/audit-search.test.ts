import { beforeAll, describe, expect, it } from "vitest";
import { getTenantAuditEvent, listTenantAudit } from "@/lib/audit/service";
import { recordAuditEvent } from "@/lib/db/audit-events";
import { generateKey, revokeKey } from "@/lib/keys/service";
import { updateTenant } from "@/lib/tenants/service";
import {
  instanceAdmin,
  memberWithRole,
  outcome,
  seedTenant,
  type UserActor,
} from "../support/fixtures";

let admin: UserActor;
let auditor: UserActor;
let slug: string;
let tenantId: string;
let kids: string[];

/** A tenant with a known history: 3 keys, one revoked, a settings change, a denial. */
beforeAll(async () => {
  admin = await instanceAdmin();
  ({ slug, id: tenantId } = await seedTenant(admin));
  auditor = await memberWithRole(admin, slug, "auditor");
  const keys = [
    await generateKey(admin, slug, { alg: "ES256" }),
    await generateKey(admin, slug, { alg: "EdDSA" }),
    await generateKey(admin, slug, { alg: "ES384" }),
  ];
  kids = keys.map((k) => k.kid);
  await revokeKey(admin, slug, kids[1], { reason: "other", note: "laptop stolen in transit" });
  await updateTenant(admin, slug, { name: "Renamed Payments" });
  await outcome(generateKey(auditor, slug, { alg: "ES256" }));
});

const actions = async (query: Record<string, string>) =>
  (await listTenantAudit(auditor, slug, query)).events.map((e) => e.action);

describe("audit filters", () => {
  it("filters by action, actor, key, outcome and words in details", async () => {
    expect(await actions({ action: "key.created" })).toHaveLength(4);
    expect(await actions({ action: "key.created", outcome: "success" })).toHaveLength(3);
    expect(await actions({ actor: auditor.email })).toEqual(["key.created"]);
    expect(await actions({ actor: auditor.userId, outcome: "denied" })).toEqual(["key.created"]);
    expect(await actions({ kid: kids[1] })).toEqual(["key.revoked", "key.created"]);
    expect(await actions({ outcome: "denied" })).toEqual(["key.created"]);
    expect(await actions({ q: "stolen" })).toEqual(["key.revoked"]);
    expect(await actions({ q: "Laptop TRANSIT" })).toEqual(["key.revoked"]);
    expect(await actions({ q: "lapt" })).toEqual([]);
    expect(await actions({ q: "renamed" })).toEqual(["tenant.updated"]);
    expect(await actions({ q: "nothing-like-this" })).toEqual([]);
    expect(await actions({ q: "'&|!:*" })).toHaveLength(8);
  });

  it("filters by time range, a date-only upper bound including its day", async () => {
    const all = (await listTenantAudit(auditor, slug, {})).events;
    const newest = all[0].createdAt;
    const day = newest.slice(0, 10);
    expect(await actions({ from: day, to: day })).toHaveLength(all.length);
    expect(await actions({ from: newest })).toContain(all[0].action);
    expect(await actions({ to: "2000-01-01" })).toEqual([]);
    expect(await actions({ from: "2999-01-01T00:00Z" })).toEqual([]);
  });

  it("refuses malformed filters with a message naming the parameter", async () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ outcome: "maybe" }, /outcome/],
      [{ from: "yesterday" }, /from must be a date/],
      [{ to: "2026-02-30T10:00" }, /to is not a real date|to must be a date/],
      [{ from: "2026-03-02", to: "2026-03-01" }, /from must be before to/],
      [{ action: "DROP TABLE" }, /action reads resource.past_tense/],
      [{ limit: "0" }, /limit/],
      [{ cursor: "abc" }, /cursor/],
      [{ q: "x".repeat(201) }, /q is at most/],
    ];
    for (const [query, message] of cases) {
      await expect(
        listTenantAudit(auditor, slug, query),
        JSON.stringify(query),
      ).rejects.toMatchObject({ code: "invalid_request", message: expect.stringMatching(message) });
    }
  });
});

describe("keyset pages", () => {
  it("pages newest first without gaps or repeats while events are appended", async () => {
    const first = await listTenantAudit(auditor, slug, { limit: "3" });
    expect(first.events).toHaveLength(3);
    // New events land at the top; older pages must not shift.
    await generateKey(admin, slug, { alg: "EdDSA" });
    await generateKey(admin, slug, { alg: "EdDSA" });

    const seen = first.events.map((e) => e.id);
    let cursor = first.nextCursor;
    while (cursor) {
      const page = await listTenantAudit(auditor, slug, { limit: "3", cursor });
      seen.push(...page.events.map((e) => e.id));
      cursor = page.nextCursor;
    }
    const ids = seen.map(BigInt);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...ids].sort((a, b) => (a > b ? -1 : 1))).toEqual(ids);
    expect(seen).toHaveLength(8);
  });

  it("keeps the filter across pages", async () => {
    const first = await listTenantAudit(auditor, slug, { action: "key.created", limit: "2" });
    const second = await listTenantAudit(auditor, slug, {
      action: "key.created",
      limit: "2",
      cursor: first.nextCursor!,
    });
    expect([...first.events, ...second.events].every((e) => e.action === "key.created")).toBe(true);
  });
});

describe("who reads the trail", () => {
  it("lets admins and auditors read; refuses viewers and key managers, and records it", async () => {
    const viewer = await memberWithRole(admin, slug, "viewer");
    const manager = await memberWithRole(admin, slug, "key_manager");
    expect(await outcome(listTenantAudit(admin, slug, {}))).toBe("ok");
    expect(await outcome(listTenantAudit(auditor, slug, {}))).toBe("ok");
    expect(await outcome(listTenantAudit(viewer, slug, {}))).toBe("forbidden");
    expect(await outcome(listTenantAudit(manager, slug, {}))).toBe("forbidden");
    expect(await actions({ actor: viewer.email, outcome: "denied" })).toEqual(["audit.listed"]);
  });

  it("answers another tenant's event exactly like a missing one", async () => {
    const other = await seedTenant(admin);
    await recordAuditEvent({
      tenantId: other.id,
      actorType: "system",
      actorId: null,
      actorLabel: "system",
      action: "tenant.updated",
      outcome: "success",
      targetType: null,
      targetId: null,
      kid: null,
      ip: null,
      details: { note: "zebracorn" },
    });
    const foreign = (await listTenantAudit(admin, other.slug, { limit: "1" })).events[0];
    expect(await outcome(getTenantAuditEvent(auditor, slug, foreign.id))).toBe("not_found");
    expect(await outcome(getTenantAuditEvent(auditor, slug, "99999999"))).toBe("not_found");
    expect(await outcome(getTenantAuditEvent(auditor, slug, "x'1"))).toBe("not_found");
    expect(await actions({ q: "zebracorn" })).toEqual([]);
    expect((await listTenantAudit(admin, other.slug, { q: "zebracorn" })).events).toHaveLength(1);

    const own = (await listTenantAudit(auditor, slug, { limit: "1" })).events[0];
    const detail = await getTenantAuditEvent(auditor, slug, own.id);
    expect(detail).toMatchObject({ hashMatches: true, event: { id: own.id, tenantId } });
    expect(detail.canonical.startsWith(`["${own.id}",`)).toBe(true);
  });
});
