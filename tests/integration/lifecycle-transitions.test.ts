import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { jwksCache } from "@/lib/jwks/cache";
import {
  approveDestruction,
  cancelDestruction,
  destroyDueKey,
  scheduleDestruction,
} from "@/lib/keys/destruction";
import {
  activateKey,
  generateKey,
  getTenantKey,
  revokeKey,
  rotateSlot,
  unpublishKey,
} from "@/lib/keys/service";
import { updateTenant } from "@/lib/tenants/service";
import { instanceAdmin, memberWithRole, outcome, seedTenant } from "../support/fixtures";

// Every transition of DESIGN.md through the domain functions, with time as a parameter.
// Default settings: lead = max(600, 300) = 600 s, overlap = 3600 + 600 + 60 = 4260 s.

const LEAD = 600;
const OVERLAP = 4260;
const after = (from: Date, seconds: number) => new Date(from.getTime() + seconds * 1000);

async function publishedKids(slug: string) {
  const docs = await jwksCache().get(slug);
  return (JSON.parse(docs!.jwks.body.toString()).keys as { kid: string }[]).map((k) => k.kid);
}

async function auditFor(kid: string, action: string) {
  const prisma = await db();
  return prisma.auditEvent.findMany({ where: { kid, action }, orderBy: { id: "asc" } });
}

async function errorOf(work: Promise<unknown>) {
  return work.then(
    () => null,
    (error: { code?: string; message: string }) => ({ code: error.code, message: error.message }),
  );
}

/** A tenant with an active key and a staged one, and the staged key's creation time. */
async function slotWithStagedKey() {
  const admin = await instanceAdmin();
  const { slug } = await seedTenant(admin);
  const first = await generateKey(admin, slug, { alg: "ES256" });
  const staged = await generateKey(admin, slug, { alg: "ES256" });
  return { admin, slug, first, staged, stagedAt: staged.createdAt };
}

describe("promotion waits for the lead", () => {
  it("refuses to rotate before the staged key's lead, says when it is safe, and rotates at the lead", async () => {
    const { admin, slug, first, staged, stagedAt } = await slotWithStagedKey();

    const early = await errorOf(rotateSlot(admin, slug, { alg: "ES256" }, after(stagedAt, 60)));
    expect(early?.code).toBe("conflict");
    expect(early?.message).toContain(
      `becomes safe to promote at ${after(stagedAt, LEAD).toISOString()} (in 9 min)`,
    );
    expect((await getTenantKey(admin, slug, first.kid)).key.state).toBe("active");

    const at = after(stagedAt, LEAD);
    const { active, retired } = await rotateSlot(admin, slug, { alg: "ES256" }, at);
    expect([active.kid, active.state, active.activatedAt]).toEqual([staged.kid, "active", at]);
    expect([retired?.kid, retired?.state, retired?.retiredAt]).toEqual([first.kid, "retired", at]);
    const [event] = await auditFor(staged.kid, "key.rotated");
    expect(event.details).toMatchObject({ emergency: false, early: false, generated: false });
  });

  it("promotes early only as an audited emergency with a reason", async () => {
    const { admin, slug, staged, stagedAt } = await slotWithStagedKey();
    const now = after(stagedAt, 5);

    const noReason = await errorOf(rotateSlot(admin, slug, { alg: "ES256", emergency: true }, now));
    expect(noReason?.message).toMatch(/Give a reason for an emergency promotion/);

    const { active } = await rotateSlot(
      admin,
      slug,
      { alg: "ES256", emergency: true, reason: "key leaked in a log" },
      now,
    );
    expect(active.kid).toBe(staged.kid);
    const [event] = await auditFor(staged.kid, "key.rotated");
    expect(event.actorLabel).toBe(admin.email);
    expect(event.details).toMatchObject({
      emergency: true,
      early: true,
      reason: "key leaked in a log",
    });
  });

  it("refuses to rotate a slot with nothing staged unless it is an emergency", async () => {
    const admin = await instanceAdmin();
    const { slug } = await seedTenant(admin);
    const first = await generateKey(admin, slug, { alg: "ES256" });
    const now = new Date();

    const refused = await errorOf(rotateSlot(admin, slug, { alg: "ES256" }, now));
    expect(refused?.code).toBe("conflict");
    expect(refused?.message).toContain("No ES256 key is staged. Stage a key first");
    expect(refused?.message).toContain(`safe to promote at ${after(now, LEAD).toISOString()}`);

    const { active, retired } = await rotateSlot(
      admin,
      slug,
      { alg: "ES256", emergency: true, reason: "compromise drill" },
      now,
    );
    expect(retired?.kid).toBe(first.kid);
    const [event] = await auditFor(active.kid, "key.rotated");
    expect(event.details).toMatchObject({ generated: true, emergency: true, early: true });
  });

  it("lets a tenant whose verifiers cache nothing rotate at once", async () => {
    const admin = await instanceAdmin();
    const { slug } = await seedTenant(admin);
    await updateTenant(admin, slug, { verifierCacheSeconds: 0, jwksMaxAgeSeconds: 0 });
    const first = await generateKey(admin, slug, { alg: "ES256" });

    const { retired } = await rotateSlot(admin, slug, { alg: "ES256" });
    expect(retired?.kid).toBe(first.kid);
  });

  it("activates one particular staged key, with the same rule", async () => {
    const { admin, slug, first, stagedAt } = await slotWithStagedKey();
    const other = await generateKey(admin, slug, { alg: "ES256" });

    expect(await outcome(activateKey(admin, slug, other.kid, {}, after(stagedAt, LEAD)))).toBe(
      "conflict",
    );
    const { active, retired } = await activateKey(
      admin,
      slug,
      other.kid,
      {},
      after(other.createdAt, LEAD),
    );
    expect([active.kid, retired?.kid]).toEqual([other.kid, first.kid]);
    const refused = await errorOf(activateKey(admin, slug, first.kid, {}));
    expect(refused).toEqual({
      code: "conflict",
      message: "Only a staged key can be activated. This key is retired.",
    });
  });
});

describe("unpublishing waits for the overlap", () => {
  it("keeps a retired key published until the overlap has passed", async () => {
    const { admin, slug, first, stagedAt } = await slotWithStagedKey();
    const rotatedAt = after(stagedAt, LEAD);
    await rotateSlot(admin, slug, { alg: "ES256" }, rotatedAt);

    const early = await errorOf(
      unpublishKey(admin, slug, first.kid, after(rotatedAt, OVERLAP - 1)),
    );
    expect(early?.code).toBe("conflict");
    expect(early?.message).toContain(
      `safe to unpublish at ${after(rotatedAt, OVERLAP).toISOString()} (in 1 s)`,
    );
    expect(await publishedKids(slug)).toContain(first.kid);

    const unpublished = await unpublishKey(admin, slug, first.kid, after(rotatedAt, OVERLAP));
    expect(unpublished.state).toBe("unpublished");
    expect(await publishedKids(slug)).not.toContain(first.kid);
    expect(await auditFor(first.kid, "key.unpublished")).toHaveLength(1);
  });

  it("refuses to unpublish anything but a retired key", async () => {
    const { admin, slug, first, staged } = await slotWithStagedKey();
    const seen = [
      await errorOf(unpublishKey(admin, slug, first.kid)),
      await errorOf(unpublishKey(admin, slug, staged.kid)),
    ];
    expect(seen).toEqual([
      { code: "conflict", message: "Only a retired key can be unpublished. This key is active." },
      { code: "conflict", message: "Only a retired key can be unpublished. This key is staged." },
    ]);
  });
});

describe("destruction", () => {
  async function revokedKey() {
    const admin = await instanceAdmin();
    const { slug } = await seedTenant(admin);
    const manager = await memberWithRole(admin, slug, "key_manager");
    const other = await memberWithRole(admin, slug, "key_manager");
    const key = await generateKey(admin, slug, { alg: "ES256" });
    await revokeKey(admin, slug, key.kid, { reason: "compromised" });
    return { admin, slug, manager, other, key };
  }

  it("schedules, needs a second person, waits, then wipes the private key and keeps the rest", async () => {
    const { slug, manager, other, key } = await revokedKey();
    const t0 = new Date();

    const scheduled = await scheduleDestruction(manager, slug, key.kid, { waitingDays: 7 }, t0);
    expect(scheduled.state).toBe("destroy_scheduled");
    expect(scheduled.destroyAfter).toEqual(after(t0, 7 * 86_400));

    const own = await errorOf(approveDestruction(manager, slug, key.kid));
    expect(own).toEqual({
      code: "forbidden",
      message: "A second member must approve: you requested this destruction yourself.",
    });
    const prisma = await db();
    const denied = await prisma.auditEvent.findFirst({
      where: { kid: key.kid, action: "key.destruction_approved", outcome: "denied" },
    });
    expect(denied?.actorId).toBe(manager.userId);

    // Not approved: the waiting period alone destroys nothing.
    expect(await destroyDueKey(slug, key.kid, after(t0, 8 * 86_400))).toBeNull();

    await approveDestruction(other, slug, key.kid, after(t0, 60));
    expect(await outcome(approveDestruction(other, slug, key.kid))).toBe("conflict");
    expect(await destroyDueKey(slug, key.kid, after(t0, 7 * 86_400 - 1))).toBeNull();
    const destroyed = await destroyDueKey(slug, key.kid, after(t0, 7 * 86_400));
    expect(destroyed?.state).toBe("destroyed");
    expect(await destroyDueKey(slug, key.kid, after(t0, 7 * 86_400))).toBeNull();

    const row = await prisma.key.findUniqueOrThrow({
      where: { id: key.id },
      omit: { privateCiphertext: false },
    });
    expect(row.privateCiphertext).toBeNull();
    expect(row.kekId).toBeNull();
    expect(row.publicJwk).toEqual(key.publicJwk);
    expect(row.destroyedAt).toEqual(after(t0, 7 * 86_400));
    const history = await prisma.auditEvent.findMany({
      where: { kid: key.kid, outcome: "success" },
      orderBy: { id: "asc" },
    });
    expect(history.map((e) => `${e.action}:${e.actorType}`)).toEqual([
      "key.created:user",
      "key.revoked:user",
      "key.destruction_scheduled:user",
      "key.destruction_approved:user",
      "key.destroyed:system",
    ]);
  });

  it("cancels back to the state before, until the key is destroyed", async () => {
    const { admin, slug, manager, other, key } = await revokedKey();
    await scheduleDestruction(manager, slug, key.kid, {});
    await approveDestruction(other, slug, key.kid);

    const cancelled = await cancelDestruction(admin, slug, key.kid);
    expect([cancelled.state, cancelled.destroyAfter, cancelled.destroyApprovedAt]).toEqual([
      "revoked",
      null,
      null,
    ]);
    expect(await destroyDueKey(slug, key.kid, after(new Date(), 365 * 86_400))).toBeNull();

    await scheduleDestruction(manager, slug, key.kid, { waitingDays: 1 });
    await approveDestruction(admin, slug, key.kid);
    await destroyDueKey(slug, key.kid, after(new Date(), 2 * 86_400));
    expect(await errorOf(cancelDestruction(admin, slug, key.kid))).toEqual({
      code: "conflict",
      message: "This key is already destroyed; destruction cannot be undone.",
    });
  });

  it("refuses what the design does not allow, with a reason", async () => {
    const { admin, slug, manager, key } = await revokedKey();
    const active = await generateKey(admin, slug, { alg: "ES384" });
    const cases: Record<string, () => Promise<unknown>> = {
      "schedule an active key": () => scheduleDestruction(admin, slug, active.kid, {}),
      "wait 0 days": () => scheduleDestruction(admin, slug, key.kid, { waitingDays: 0 }),
      "wait 91 days": () => scheduleDestruction(admin, slug, key.kid, { waitingDays: 91 }),
      "approve a key not scheduled": () => approveDestruction(admin, slug, key.kid),
      "cancel a key not scheduled": () => cancelDestruction(admin, slug, key.kid),
      "unknown key": () => scheduleDestruction(admin, slug, "nope", {}),
    };
    const seen: Record<string, unknown> = {};
    for (const [name, work] of Object.entries(cases)) seen[name] = await outcome(work());
    expect(seen).toEqual({
      "schedule an active key": "conflict",
      "wait 0 days": expect.stringMatching(/unexpected: [\s\S]*The waiting period is 1 to 90 days/),
      "wait 91 days": expect.stringMatching(
        /unexpected: [\s\S]*The waiting period is 1 to 90 days/,
      ),
      "approve a key not scheduled": "conflict",
      "cancel a key not scheduled": "conflict",
      "unknown key": "not_found",
    });

    await scheduleDestruction(manager, slug, key.kid, {});
    expect(await errorOf(revokeKey(admin, slug, key.kid, { reason: "compromised" }))).toEqual({
      code: "conflict",
      message:
        "This key is scheduled for destruction and is not published. Cancel the destruction first if it must be revoked.",
    });
    expect(await outcome(scheduleDestruction(admin, slug, key.kid, {}))).toBe("conflict");
  });

  it("lets only admins and key managers act, and viewers nothing", async () => {
    const { admin, slug, manager, key } = await revokedKey();
    const viewer = await memberWithRole(admin, slug, "viewer");
    const auditor = await memberWithRole(admin, slug, "auditor");

    expect(await outcome(scheduleDestruction(viewer, slug, key.kid, {}))).toBe("forbidden");
    expect(await outcome(scheduleDestruction(auditor, slug, key.kid, {}))).toBe("forbidden");
    await scheduleDestruction(manager, slug, key.kid, {});
    expect(await outcome(approveDestruction(viewer, slug, key.kid))).toBe("forbidden");
    expect(await outcome(approveDestruction(auditor, slug, key.kid))).toBe("forbidden");
    expect(await outcome(cancelDestruction(viewer, slug, key.kid))).toBe("forbidden");
    expect(await outcome(approveDestruction(admin, slug, key.kid))).toBe("ok");
  });
});
