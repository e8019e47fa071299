import crypto from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { chainHash } from "@/lib/audit/canonical";
import { createCheckpoint } from "@/lib/audit/checkpoints";
import { verifyWholeChain } from "@/lib/audit/service";
import { db } from "@/lib/db/client";
import { generateKey } from "@/lib/keys/service";
import { instanceAdmin, seedTenant } from "../support/fixtures";

// Tampering "as a superuser": the append-only trigger is switched off around each edit,
// exactly what someone with direct database access could do, and verification must name
// the event where the chain breaks.

async function sql(text: string, ...params: unknown[]) {
  const prisma = await db();
  return prisma.$executeRawUnsafe(text, ...params);
}

async function behindTheAppsBack(...statements: string[]) {
  await sql(`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete`);
  try {
    for (const statement of statements) await sql(statement);
  } finally {
    await sql(`ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_delete`);
  }
}

async function chainIds(): Promise<bigint[]> {
  const prisma = await db();
  const rows = await prisma.auditEvent.findMany({ select: { id: true }, orderBy: { id: "asc" } });
  return rows.map((r) => r.id);
}

/** A fresh chain of 6 events for every test, with a gap in the ids after the third. */
beforeEach(async () => {
  await behindTheAppsBack(`DELETE FROM audit_events`);
  await sql(`DELETE FROM audit_checkpoints`);
  const admin = await instanceAdmin();
  const { slug } = await seedTenant(admin);
  await generateKey(admin, slug, { alg: "ES256" });
  await generateKey(admin, slug, { alg: "ES256" });
  await sql(
    `SELECT setval(pg_get_serial_sequence('audit_events', 'id'), (SELECT max(id) FROM audit_events) + 10)`,
  );
  await generateKey(admin, slug, { alg: "EdDSA" });
  await generateKey(admin, slug, { alg: "EdDSA" });
  await generateKey(admin, slug, { alg: "ES384" });
});

describe("verification names the first event a superuser tampered with", () => {
  it("passes an untouched chain", async () => {
    expect(await verifyWholeChain()).toMatchObject({ ok: true, checked: 6, total: 6 });
  });

  it("edit: names the edited event", async () => {
    const ids = await chainIds();
    await behindTheAppsBack(
      `UPDATE audit_events SET details = '{"alg":"HS256"}' WHERE id = ${ids[2]}`,
    );
    expect(await verifyWholeChain()).toMatchObject({
      ok: false,
      checked: 2,
      firstBrokenId: String(ids[2]),
      reason: expect.stringMatching(/edited/),
    });
  });

  it("edit with a recomputed hash: the next link names the rewritten event", async () => {
    const ids = await chainIds();
    const prisma = await db();
    const target = await prisma.auditEvent.findUniqueOrThrow({ where: { id: ids[2] } });
    const forged = { ...target, actorLabel: "someone-else@example.test" };
    await behindTheAppsBack(
      `UPDATE audit_events SET actor_label = '${forged.actorLabel}', hash = '${chainHash(target.prevHash, forged)}' WHERE id = ${ids[2]}`,
    );
    const verdict = await verifyWholeChain();
    expect(verdict).toMatchObject({ ok: false, firstBrokenId: String(ids[3]) });
    expect(verdict.ok || verdict.reason).toMatch(new RegExp(`event ${ids[2]} was rewritten`));
  });

  it("delete: names the event after the gap", async () => {
    const ids = await chainIds();
    await behindTheAppsBack(`DELETE FROM audit_events WHERE id = ${ids[3]}`);
    expect(await verifyWholeChain()).toMatchObject({
      ok: false,
      checked: 3,
      firstBrokenId: String(ids[4]),
      reason: expect.stringMatching(/deleted/),
    });
  });

  it("delete the first event: names the new first event", async () => {
    const ids = await chainIds();
    await behindTheAppsBack(`DELETE FROM audit_events WHERE id = ${ids[0]}`);
    expect(await verifyWholeChain()).toMatchObject({
      ok: false,
      checked: 0,
      firstBrokenId: String(ids[1]),
    });
  });

  it("insert: names a well-formed event slipped into a gap", async () => {
    const ids = await chainIds();
    const prisma = await db();
    const before = await prisma.auditEvent.findUniqueOrThrow({ where: { id: ids[2] } });
    const forged = {
      ...before,
      id: ids[2] + 1n,
      action: "key.revoked",
      createdAt: new Date(before.createdAt.getTime() + 1),
    };
    const hash = chainHash(before.hash, forged);
    await sql(
      `INSERT INTO audit_events (id, tenant_id, actor_type, actor_id, actor_label, action, outcome, target_type, target_id, kid, ip, details, created_at, prev_hash, hash)
       SELECT $1::bigint, tenant_id, actor_type, actor_id, actor_label, 'key.revoked', outcome, target_type, target_id, kid, ip, details, $2::timestamptz, $3, $4 FROM audit_events WHERE id = $5::bigint`,
      forged.id,
      forged.createdAt,
      before.hash,
      hash,
      ids[2],
    );
    expect(await verifyWholeChain()).toMatchObject({
      ok: false,
      firstBrokenId: String(forged.id),
      reason: expect.stringMatching(/inserted/),
    });
  });

  it("insert with a made-up link: names the inserted event", async () => {
    const ids = await chainIds();
    await sql(
      `INSERT INTO audit_events (id, tenant_id, actor_type, actor_id, actor_label, action, outcome, details, created_at, prev_hash, hash)
       VALUES ($1::bigint, NULL, 'system', NULL, 'system', 'key.revoked', 'success', '{}', now(), $2, $3)`,
      ids[2] + 1n,
      crypto.randomBytes(32).toString("hex"),
      crypto.randomBytes(32).toString("hex"),
    );
    expect(await verifyWholeChain()).toMatchObject({
      ok: false,
      firstBrokenId: String(ids[2] + 1n),
    });
  });

  it("reorder: swapping two events names the first swapped position", async () => {
    const ids = await chainIds();
    await behindTheAppsBack(
      `UPDATE audit_events SET id = -1 WHERE id = ${ids[1]}`,
      `UPDATE audit_events SET id = ${ids[1]} WHERE id = ${ids[2]}`,
      `UPDATE audit_events SET id = ${ids[2]} WHERE id = -1`,
    );
    expect(await verifyWholeChain()).toMatchObject({
      ok: false,
      checked: 1,
      firstBrokenId: String(ids[1]),
    });
  });
});

describe("signed checkpoints catch what a bare hash chain cannot", () => {
  async function rewriteFrom(index: number) {
    // Edit one event and recompute every later hash: the chain alone still verifies.
    const prisma = await db();
    const ids = await chainIds();
    const rows = await prisma.auditEvent.findMany({ orderBy: { id: "asc" } });
    let prev = rows[index - 1].hash;
    const statements: string[] = [];
    for (const row of rows.slice(index)) {
      const content = row.id === ids[index] ? { ...row, outcome: "failure" } : row;
      const hash = chainHash(prev, content);
      statements.push(
        `UPDATE audit_events SET outcome = '${content.outcome}', prev_hash = '${prev}', hash = '${hash}' WHERE id = ${row.id}`,
      );
      prev = hash;
    }
    await behindTheAppsBack(...statements);
  }

  it("a rewritten and recomputed chain verifies without a checkpoint", async () => {
    await rewriteFrom(2);
    expect(await verifyWholeChain()).toMatchObject({ ok: true });
  });

  it("a checkpoint taken before the rewrite names the event it signed", async () => {
    const checkpoint = await createCheckpoint({ wait: true });
    await rewriteFrom(2);
    expect(await verifyWholeChain()).toMatchObject({
      ok: false,
      firstBrokenId: checkpoint!.headId,
      reason: expect.stringMatching(/signed checkpoint .* rewritten/),
    });
  });

  it("a checkpoint names the tail that was cut off", async () => {
    const checkpoint = await createCheckpoint({ wait: true });
    const ids = await chainIds();
    await behindTheAppsBack(`DELETE FROM audit_events WHERE id >= ${ids[4]}`);
    expect(await verifyWholeChain()).toMatchObject({
      ok: false,
      checked: 4,
      firstBrokenId: checkpoint!.headId,
      reason: expect.stringMatching(/tail was deleted/),
    });
  });

  it("a checkpoint whose signature was forged is reported", async () => {
    const checkpoint = await createCheckpoint({ wait: true });
    const [header, payload] = checkpoint!.jws.split(".");
    const forgedSignature = crypto.randomBytes(64).toString("base64url");
    await sql(`UPDATE audit_checkpoints SET jws = $1`, `${header}.${payload}.${forgedSignature}`);
    expect(await verifyWholeChain()).toMatchObject({
      ok: false,
      firstBrokenId: checkpoint!.headId,
      reason: expect.stringMatching(/valid signature/),
    });
  });

  it("Keyward refuses to sign a broken chain", async () => {
    const ids = await chainIds();
    await behindTheAppsBack(`UPDATE audit_events SET ip = '10.0.0.1' WHERE id = ${ids[1]}`);
    await expect(createCheckpoint({ wait: true })).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringContaining(`broken at event ${ids[1]}`),
    });
  });
});
