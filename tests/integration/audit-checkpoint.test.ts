import { compactVerify, importJWK, type JWK } from "jose";
import { describe, expect, it } from "vitest";
import { checkpointIfDue } from "@/lib/audit/checkpoint-timer";
import { checkpointKeySet, createCheckpoint, verifyCheckpointJws } from "@/lib/audit/checkpoints";
import { getTenantCheckpoint, verifyWholeChain } from "@/lib/audit/service";
import { unwrap } from "@/lib/crypto/kek";
import { keyring } from "@/lib/crypto/keyring";
import { db } from "@/lib/db/client";
import { generateKey } from "@/lib/keys/service";
import { instanceAdmin, memberWithRole, outcome, seedTenant } from "../support/fixtures";

async function chainHead() {
  const prisma = await db();
  return prisma.auditEvent.findFirstOrThrow({ orderBy: { id: "desc" } });
}

describe("signed checkpoints", () => {
  it("signs the chain head with a system key that verifies offline", async () => {
    const admin = await instanceAdmin();
    const { slug } = await seedTenant(admin);
    await generateKey(admin, slug, { alg: "ES256" });

    const checkpoint = await createCheckpoint({ wait: true });
    const head = await chainHead();
    const prisma = await db();
    expect(checkpoint).toMatchObject({
      headId: head.id.toString(),
      headHash: head.hash,
      count: await prisma.auditEvent.count(),
    });

    // Offline: only the published key set (as JSON) and the JWS.
    const keys = JSON.parse(JSON.stringify(await checkpointKeySet())) as { keys: JWK[] };
    expect(keys.keys).toHaveLength(1);
    expect(keys.keys[0]).not.toHaveProperty("d");
    const { payload, protectedHeader } = await compactVerify(
      checkpoint!.jws,
      await importJWK(keys.keys[0], "EdDSA"),
    );
    expect(protectedHeader).toMatchObject({ alg: "EdDSA", kid: keys.keys[0].kid });
    expect(JSON.parse(new TextDecoder().decode(payload))).toMatchObject({
      headId: head.id.toString(),
      headHash: head.hash,
    });
  });

  it("keeps the private key wrapped under the KEK, bound to the system slot", async () => {
    await createCheckpoint({ wait: true });
    const prisma = await db();
    const row = await prisma.systemKey.findFirstOrThrow();
    const stored = Buffer.from(row.privateCiphertext);
    expect(stored.toString("latin1")).not.toContain('"d"');
    const kek = keyring().byId.get(row.kekId)!;
    expect(JSON.parse(unwrap(kek, stored, "system", row.id).toString())).toHaveProperty("d");
    expect(() => unwrap(kek, stored, "some-tenant", row.id)).toThrow(/could not be decrypted/);
  });

  it("reuses the checkpoint while the head is unchanged and continues after new events", async () => {
    const admin = await instanceAdmin();
    const { slug } = await seedTenant(admin);
    const first = await createCheckpoint({ wait: true });
    expect((await createCheckpoint({ wait: true }))!.id).toBe(first!.id);

    await generateKey(admin, slug, { alg: "EdDSA" });
    const second = await createCheckpoint({ wait: true });
    expect(BigInt(second!.headId)).toBeGreaterThan(BigInt(first!.headId));
    expect(second!.count).toBeGreaterThan(first!.count);
    expect(await verifyCheckpointJws(second!.jws, await checkpointKeySet())).toMatchObject({
      headId: second!.headId,
    });
    expect(await verifyWholeChain()).toMatchObject({ ok: true });
  });

  it("makes the daily checkpoint once a day, and one at a time", async () => {
    const admin = await instanceAdmin();
    const { slug } = await seedTenant(admin);
    await createCheckpoint({ wait: true });
    await generateKey(admin, slug, { alg: "EdDSA" });
    expect(await checkpointIfDue()).toBeNull();

    const prisma = await db();
    const before = await prisma.auditCheckpoint.count();
    const tomorrow = new Date(Date.now() + 25 * 60 * 60 * 1000);
    const racing = await Promise.all(
      Array.from({ length: 4 }, () =>
        createCheckpoint({ wait: false, maxAgeMs: 24 * 60 * 60 * 1000, now: tomorrow }),
      ),
    );
    expect(racing.some((c) => c !== null)).toBe(true);
    expect(await prisma.auditCheckpoint.count()).toBe(before + 1);
  });

  it("is offered to auditors and admins only", async () => {
    const admin = await instanceAdmin();
    const { slug } = await seedTenant(admin);
    const auditor = await memberWithRole(admin, slug, "auditor");
    const viewer = await memberWithRole(admin, slug, "viewer");
    const document = await getTenantCheckpoint(auditor, slug);
    expect(document.keys.keys.map((k) => k.kid)).toContain(document.checkpoint.kid);
    expect(await outcome(getTenantCheckpoint(viewer, slug))).toBe("forbidden");
  });
});
