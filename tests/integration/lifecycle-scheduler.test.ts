import { describe, expect, it } from "vitest";
import { getDatabase, db } from "@/lib/db/client";
import { approveDestruction, scheduleDestruction } from "@/lib/keys/destruction";
import { generateKey, revokeKey } from "@/lib/keys/service";
import { listTenantPolicies, putPolicy, removePolicy } from "@/lib/rotation/policies";
import { runDueWork, tick } from "@/lib/rotation/scheduler";
import { instanceAdmin, memberWithRole, outcome, seedTenant } from "../support/fixtures";

// The scheduler with an explicit clock. Default tenant settings: lead 600 s, overlap 4260 s.

const LEAD = 600;
const OVERLAP = 4260;
const DAY = 86_400;
const after = (from: Date, seconds: number) => new Date(from.getTime() + seconds * 1000);
const kinds = (report: { actions: { kind: string; slug: string }[] }, slug: string) =>
  report.actions.filter((a) => a.slug === slug).map((a) => a.kind);

async function slotStates(slug: string, alg = "ES256") {
  const prisma = await db();
  const keys = await prisma.key.findMany({
    where: { tenant: { slug }, alg },
    orderBy: { createdAt: "asc" },
  });
  return keys.map((k) => k.state);
}

async function tenantWithPolicy(policy: Record<string, unknown> = { rotateEveryDays: 30 }) {
  const admin = await instanceAdmin();
  const { slug, id: tenantId } = await seedTenant(admin);
  await putPolicy(admin, slug, "ES256", policy);
  return { admin, slug, tenantId };
}

describe("rotation scheduler", () => {
  it("fills an empty slot: stages, promotes after the lead, keeps the next key staged", async () => {
    const { slug, tenantId } = await tenantWithPolicy();
    const t0 = new Date("2031-01-01T00:00:00Z");

    expect(kinds(await tick(t0), slug)).toEqual(["stage"]);
    expect(kinds(await tick(after(t0, LEAD - 1)), slug)).toEqual([]);
    expect(kinds(await tick(after(t0, LEAD)), slug)).toEqual(["promote", "stage"]);
    expect(await slotStates(slug)).toEqual(["active", "staged"]);

    const prisma = await db();
    const events = await prisma.auditEvent.findMany({
      where: { tenantId, action: { startsWith: "key." } },
      orderBy: { id: "asc" },
    });
    expect(events.map((e) => `${e.action}:${e.actorType}:${e.actorLabel}`)).toEqual([
      "key.created:system:system",
      "key.rotated:system:system",
      "key.created:system:system",
    ]);
  });

  it("rotates when the period is over and unpublishes after the overlap, each once", async () => {
    const { slug } = await tenantWithPolicy({ rotateEveryDays: 7 });
    const t0 = new Date("2031-02-01T00:00:00Z");
    await tick(t0);
    await tick(after(t0, LEAD));

    const due = after(t0, LEAD + 7 * DAY);
    expect(kinds(await tick(after(due, -1)), slug)).toEqual([]);
    expect(kinds(await tick(due), slug)).toEqual(["promote", "stage"]);
    expect(kinds(await tick(due), slug)).toEqual([]);
    expect(await slotStates(slug)).toEqual(["retired", "active", "staged"]);

    expect(kinds(await tick(after(due, OVERLAP - 1)), slug)).toEqual([]);
    expect(kinds(await tick(after(due, OVERLAP)), slug)).toEqual(["unpublish"]);
    expect(await slotStates(slug)).toEqual(["unpublished", "active", "staged"]);
  });

  it("leaves retired keys published when the policy says so, and ignores disabled policies", async () => {
    const { admin, slug } = await tenantWithPolicy({ rotateEveryDays: 1, autoUnpublish: false });
    const t0 = new Date("2031-03-01T00:00:00Z");
    await tick(t0);
    await tick(after(t0, LEAD));
    await tick(after(t0, LEAD + DAY));
    await tick(after(t0, LEAD + DAY + OVERLAP * 10));
    expect(await slotStates(slug)).toEqual(["retired", "active", "staged"]);

    await putPolicy(admin, slug, "ES256", { rotateEveryDays: 1, enabled: false });
    expect(kinds(await tick(after(t0, 30 * DAY)), slug)).toEqual([]);
  });

  it("lets only one of two schedulers run at a time, in one process", async () => {
    const { slug } = await tenantWithPolicy();
    const reports = await Promise.all([tick(new Date()), tick(new Date())]);
    expect(reports.map((r) => r.ran).sort()).toEqual([false, true]);
    expect(await slotStates(slug)).toEqual(["staged"]);
  });

  it("does each step exactly once even when two instances' work overlaps", async () => {
    const { slug, tenantId } = await tenantWithPolicy();
    const t0 = new Date("2031-04-01T00:00:00Z");
    // The lock is bypassed on purpose: the re-check under the tenant lock must hold alone.
    const first = await Promise.all([runDueWork(t0), runDueWork(t0), runDueWork(t0)]);
    expect(first.flatMap((r) => kinds(r, slug))).toEqual(["stage"]);

    const at = after(t0, LEAD);
    const second = await Promise.all([runDueWork(at), runDueWork(at), runDueWork(at)]);
    expect(
      second
        .flatMap((r) => kinds(r, slug))
        .sort()
        .join(","),
    ).toBe("promote,stage");
    expect(await slotStates(slug)).toEqual(["active", "staged"]);

    const prisma = await db();
    const rotations = await prisma.auditEvent.count({
      where: { tenantId, action: "key.rotated", actorType: "system" },
    });
    expect(rotations).toBe(1);
  });

  it("skips the tick while another instance holds the scheduler lock (PostgreSQL)", async () => {
    const database = await getDatabase();
    if (database.kind !== "postgresql") return; // PGlite is one process; covered above.
    const { slug } = await tenantWithPolicy();
    const other = await database.session();
    try {
      await other.query("SELECT pg_advisory_lock(7270736903)");
      const blocked = await tick(new Date());
      expect(blocked.ran).toBe(false);
      expect(await slotStates(slug)).toEqual([]);
      await other.query("SELECT pg_advisory_unlock(7270736903)");
      expect((await tick(new Date())).ran).toBe(true);
      expect(await slotStates(slug)).toEqual(["staged"]);
    } finally {
      await other.close();
    }
  });

  it("destroys approved keys when their waiting period is over, and nothing else", async () => {
    const admin = await instanceAdmin();
    const { slug } = await seedTenant(admin);
    const manager = await memberWithRole(admin, slug, "key_manager");
    const approved = await generateKey(admin, slug, { alg: "ES256" });
    const pending = await generateKey(admin, slug, { alg: "EdDSA" });
    const t0 = new Date();
    for (const key of [approved, pending]) {
      await revokeKey(admin, slug, key.kid, { reason: "superseded" });
      await scheduleDestruction(manager, slug, key.kid, { waitingDays: 2 }, t0);
    }
    await approveDestruction(admin, slug, approved.kid, t0);

    const early = await tick(after(t0, 2 * DAY - 1));
    expect(kinds(early, slug)).toEqual([]);
    expect(early.nextDueAt).toEqual(after(t0, 2 * DAY));
    const report = await tick(after(t0, 2 * DAY));
    expect(report.actions.filter((a) => a.slug === slug)).toEqual([
      { slug, kind: "destroy", kid: approved.kid },
    ]);
    const prisma = await db();
    const rows = await prisma.key.findMany({
      where: { id: { in: [approved.id, pending.id] } },
      omit: { privateCiphertext: false },
      orderBy: { alg: "asc" },
    });
    expect(rows.map((r) => [r.alg, r.state, r.privateCiphertext === null])).toEqual([
      ["ES256", "destroyed", true],
      ["EdDSA", "destroy_scheduled", false],
    ]);
  });
});

describe("rotation policies", () => {
  it("are set by admins only, validated, listed with the next rotation, and audited", async () => {
    const admin = await instanceAdmin();
    const { slug, id: tenantId } = await seedTenant(admin);
    const manager = await memberWithRole(admin, slug, "key_manager");
    const viewer = await memberWithRole(admin, slug, "viewer");
    const key = await generateKey(admin, slug, { alg: "ES256" });

    expect(await outcome(putPolicy(manager, slug, "ES256", { rotateEveryDays: 30 }))).toBe(
      "forbidden",
    );
    expect(await outcome(putPolicy(admin, slug, "HS1024", { rotateEveryDays: 30 }))).toBe(
      "unprocessable",
    );
    await expect(putPolicy(admin, slug, "ES256", { rotateEveryDays: 0 })).rejects.toThrow(
      /Rotate every 1 to 3650 days/,
    );
    await expect(putPolicy(admin, slug, "ES256", { rotateEveryDays: 2.5 })).rejects.toThrow(
      /whole number of days/,
    );

    const policy = await putPolicy(admin, slug, "ES256", {
      rotateEveryDays: 30,
      keepStaged: false,
    });
    expect(policy).toMatchObject({
      alg: "ES256",
      rotateEveryDays: 30,
      keepStaged: false,
      autoUnpublish: true,
      enabled: true,
    });

    const { policies } = await listTenantPolicies(viewer, slug);
    expect(policies).toHaveLength(1);
    expect(policies[0].nextRotationAt).toBe(
      new Date(key.activatedAt!.getTime() + 30 * DAY * 1000).toISOString(),
    );

    expect(await outcome(removePolicy(manager, slug, "ES256"))).toBe("forbidden");
    await removePolicy(admin, slug, "ES256");
    expect(await outcome(removePolicy(admin, slug, "ES256"))).toBe("not_found");

    const prisma = await db();
    const events = await prisma.auditEvent.findMany({
      where: { tenantId, action: { startsWith: "policy." }, targetId: "sig:ES256" },
      orderBy: { id: "asc" },
    });
    expect(events.filter((e) => e.outcome === "success").map((e) => e.action)).toEqual([
      "policy.updated",
      "policy.deleted",
    ]);
  });
});
