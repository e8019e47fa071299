import { describe, expect, it } from "vitest";
import { verifyChain } from "@/lib/audit/verify";
import { db } from "@/lib/db/client";
import { generateKey } from "@/lib/keys/service";
import { instanceAdmin, seedTenant } from "../support/fixtures";

describe("audit trail", () => {
  it("writes one chained event per mutation, in the same transaction", async () => {
    const admin = await instanceAdmin();
    const { slug, id } = await seedTenant(admin);
    await generateKey(admin, slug, { alg: "ES256" });

    const prisma = await db();
    const events = await prisma.auditEvent.findMany({
      where: { tenantId: id },
      orderBy: { id: "asc" },
    });
    expect(events.map((e) => e.action)).toEqual(["tenant.created", "key.created"]);
    expect(events[1]).toMatchObject({
      actorId: admin.userId,
      outcome: "success",
      kid: expect.any(String),
    });
    expect(await verifyChain()).toMatchObject({ ok: true });
  });

  it("never forks the chain under 32 parallel mutations", async () => {
    const admin = await instanceAdmin();
    const { slug } = await seedTenant(admin);

    await Promise.all(Array.from({ length: 32 }, () => generateKey(admin, slug, { alg: "EdDSA" })));

    const verdict = await verifyChain();
    expect(verdict.ok).toBe(true);
    const prisma = await db();
    const hashes = await prisma.auditEvent.findMany({ select: { prevHash: true } });
    expect(new Set(hashes.map((h) => h.prevHash)).size).toBe(hashes.length);
  });

  it("refuses UPDATE and DELETE at the database", async () => {
    const admin = await instanceAdmin();
    await seedTenant(admin);
    const prisma = await db();

    await expect(prisma.$executeRawUnsafe(`UPDATE audit_events SET action = 'x'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(prisma.$executeRawUnsafe(`DELETE FROM audit_events`)).rejects.toThrow(
      /append-only/,
    );
  });

  it("rolls back a mutation whose audit event cannot be written", async () => {
    const admin = await instanceAdmin();
    const { slug, id } = await seedTenant(admin);
    const prisma = await db();
    // A CHECK constraint that rejects this tenant's key events makes the audit insert fail.
    await prisma.$executeRawUnsafe(
      `ALTER TABLE audit_events ADD CONSTRAINT reject_for_test CHECK (tenant_id IS DISTINCT FROM '${id}' OR action <> 'key.created')`,
    );
    try {
      await expect(generateKey(admin, slug, { alg: "ES256" })).rejects.toThrow();
      expect(await prisma.key.count({ where: { tenantId: id } })).toBe(0);
    } finally {
      await prisma.$executeRawUnsafe(`ALTER TABLE audit_events DROP CONSTRAINT reject_for_test`);
    }
  });
});
