import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { changeOwnPassword } from "@/lib/auth/account";
import { hashPassword } from "@/lib/auth/passwords";
import { authOptions } from "@/lib/auth/options";
import { knownActions } from "@/lib/audit/query";
import { permissions } from "@/lib/authz/permissions";
import { ensureFirstAdmin } from "@/lib/bootstrap";
import { kekFromBase64 } from "@/lib/crypto/kek";
import { keyring, setKeyring } from "@/lib/crypto/keyring";
import { db } from "@/lib/db/client";
import { insertUser } from "@/lib/db/users";
import {
  approveDestruction,
  cancelDestruction,
  destroyDueKey,
  scheduleDestruction,
} from "@/lib/keys/destruction";
import { attachCertificate } from "@/lib/keys/certificates";
import { importKeys } from "@/lib/keys/import";
import { rewrapBatch } from "@/lib/keys/kek-rotation";
import { activateKey, rotateSlot, unpublishKey } from "@/lib/keys/lifecycle";
import { generateKey, revokeKey } from "@/lib/keys/service";
import { addMember, changeMemberRole, removeMember } from "@/lib/members/service";
import { putPolicy, removePolicy } from "@/lib/rotation/policies";
import { createTenant, updateTenant } from "@/lib/tenants/service";
import { createApiToken, revokeApiToken } from "@/lib/tokens/service";
import { instanceAdmin, memberWithRole, outcome, uniqueSlug } from "../support/fixtures";

// Completeness: every action the code can write is exercised here through its public
// function, and each call leaves exactly one event naming it. The inventory is read from
// the source, so a new mutation without a row below fails this test.

const root = path.resolve(import.meta.dirname, "../..");

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sourceFiles(full);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [full] : [];
  });
}

/** Dotted names on `action:` lines and in runAudited calls, permissions left out. */
function actionsInSource(): Set<string> {
  const found = new Set<string>();
  const dotted = /"([a-z_]+\.[a-z_]+)"/g;
  for (const file of sourceFiles(path.join(root, "lib"))) {
    const text = fs.readFileSync(file, "utf8");
    const lines = text.split("\n").filter((line) => /\baction:|runAudited\(/.test(line));
    for (const line of lines) {
      for (const m of line.matchAll(dotted)) {
        if (!(permissions as readonly string[]).includes(m[1])) found.add(m[1]);
      }
    }
    for (const m of text.matchAll(/runAudited\(\s*[^,]+,\s*[^,]+,\s*"([a-z_]+\.[a-z_]+)"/g)) {
      found.add(m[1]);
    }
  }
  return found;
}

async function lastEventId(): Promise<bigint> {
  const prisma = await db();
  const last = await prisma.auditEvent.findFirst({ orderBy: { id: "desc" } });
  return last?.id ?? 0n;
}

const exercised = new Map<string, string>();

/** Runs one mutation and checks it wrote exactly one event, with this action and outcome. */
async function expectOneEvent(
  action: string,
  expectedOutcome: "success" | "failure" | "denied",
  work: () => Promise<unknown>,
  actor?: Actor,
) {
  const before = await lastEventId();
  await work().catch((error) => {
    if (expectedOutcome === "success") throw error;
  });
  const prisma = await db();
  const events = await prisma.auditEvent.findMany({ where: { id: { gt: before } } });
  expect(
    events.map((e) => [e.action, e.outcome]),
    action,
  ).toEqual([[action, expectedOutcome]]);
  if (actor?.type === "user") expect(events[0].actorId).toBe(actor.userId);
  exercised.set(`${action}:${expectedOutcome}`, action);
}

describe("audit coverage", () => {
  it("writes exactly one event for every mutation, sign-in and denial", async () => {
    const password = "correct horse battery staple";
    await expectOneEvent("user.created", "success", () => ensureFirstAdmin());

    const admin = await instanceAdmin();
    const slug = uniqueSlug("cov");
    await expectOneEvent(
      "tenant.created",
      "success",
      () => createTenant(admin, { slug, name: "Coverage" }),
      admin,
    );
    await expectOneEvent("tenant.updated", "success", () =>
      updateTenant(admin, slug, { verifierCacheSeconds: 0, jwksMaxAgeSeconds: 0 }),
    );

    const manager = await memberWithRole(admin, slug, "key_manager");
    const viewer = await memberWithRole(admin, slug, "viewer");
    await expectOneEvent("member.added", "success", () =>
      addMember(admin, slug, { email: "third@example.test", role: "viewer" }),
    );
    await expectOneEvent("member.role_changed", "success", () =>
      changeMemberRole(admin, slug, { userId: viewer.userId, role: "auditor" }),
    );
    const prisma = await db();
    const third = await prisma.user.findUniqueOrThrow({ where: { email: "third@example.test" } });
    await expectOneEvent("member.removed", "success", () => removeMember(admin, slug, third.id));

    const token = await createApiToken(admin, slug, { name: "svc", scopes: ["keys:read"] });
    await expectOneEvent("api_token.created", "success", () =>
      createApiToken(admin, slug, { name: "svc-2", scopes: ["keys:sign"] }),
    );
    await expectOneEvent("api_token.revoked", "success", () =>
      revokeApiToken(admin, slug, token.id),
    );

    const first = await generateKey(admin, slug, { alg: "ES256" });
    await expectOneEvent("key.created", "success", () =>
      generateKey(admin, slug, { alg: "ES256" }),
    );
    const later = new Date(Date.now() + 60 * 60 * 1000);
    await expectOneEvent("key.rotated", "success", () =>
      rotateSlot(admin, slug, { alg: "ES256" }, later),
    );
    const staged = await generateKey(admin, slug, { alg: "ES256" });
    await expectOneEvent("key.activated", "success", () =>
      activateKey(admin, slug, staged.kid, { emergency: true, reason: "coverage" }, later),
    );
    const muchLater = new Date(Date.now() + 30 * 86_400_000);
    await expectOneEvent("key.unpublished", "success", () =>
      unpublishKey(admin, slug, first.kid, muchLater),
    );
    await expectOneEvent("key.revoked", "success", () =>
      revokeKey(admin, slug, staged.kid, { reason: "superseded" }),
    );
    await expectOneEvent("key.destruction_scheduled", "success", () =>
      scheduleDestruction(admin, slug, first.kid, { waitingDays: 1 }),
    );
    await expectOneEvent("key.destruction_cancelled", "success", () =>
      cancelDestruction(admin, slug, first.kid),
    );
    await scheduleDestruction(admin, slug, first.kid, { waitingDays: 1 });
    await expectOneEvent("key.destruction_approved", "denied", () =>
      approveDestruction(admin, slug, first.kid),
    );
    await expectOneEvent(
      "key.destruction_approved",
      "success",
      () => approveDestruction(manager, slug, first.kid),
      manager,
    );
    await expectOneEvent("key.destroyed", "success", () =>
      destroyDueKey(slug, first.kid, new Date(Date.now() + 2 * 86_400_000)),
    );

    await expectOneEvent("policy.updated", "success", () =>
      putPolicy(admin, slug, "ES256", { rotateEveryDays: 30 }),
    );
    await expectOneEvent("policy.deleted", "success", () => removePolicy(admin, slug, "ES256"));

    await expectOneEvent(
      "key.created",
      "denied",
      () => generateKey(viewer, slug, { alg: "ES256" }),
      viewer,
    );
    expect(await outcome(generateKey(viewer, slug, { alg: "ES256" }))).toBe("forbidden");

    const email = "signer@example.test";
    await insertUser(prisma, { email, name: "Signer", passwordHash: await hashPassword(password) });
    const authorize = (
      authOptions.providers[0] as unknown as {
        options: { authorize: (c: Record<string, string>, r: unknown) => Promise<unknown> };
      }
    ).options.authorize;
    await expectOneEvent("auth.signed_in", "success", () =>
      authorize({ email, password }, { headers: {} }),
    );
    await expectOneEvent("auth.sign_in_failed", "failure", () =>
      authorize({ email, password: "wrong" }, { headers: {} }),
    );
    const signer = await prisma.user.findUniqueOrThrow({ where: { email } });
    const signerActor: Actor = { type: "user", userId: signer.id, email, isAdmin: false };
    const newPassword = "a brand new passphrase";
    await expectOneEvent(
      "user.password_changed",
      "success",
      () =>
        changeOwnPassword(signerActor, {
          current: password,
          next: newPassword,
          confirm: newPassword,
        }),
      signerActor,
    );

    const ec = crypto.generateKeyPairSync("ec", { namedCurve: "P-256" });
    const pem = ec.privateKey.export({ type: "pkcs8", format: "pem" }) as string;
    await expectOneEvent("key.imported", "success", () => importKeys(admin, slug, { pem }));
    const certified = await generateKey(admin, slug, { alg: "EdDSA" });
    await expectOneEvent("key.certificate_attached", "success", () =>
      attachCertificate(admin, slug, certified.kid, {
        selfSigned: { subject: "CN=coverage", days: 30 },
      }),
    );
    // Roll in a new KEK with the old one kept as previous: one batch, one event.
    const previous = keyring();
    const next = kekFromBase64(crypto.randomBytes(32).toString("base64"));
    setKeyring({ current: next, byId: new Map([...previous.byId, [next.id, next]]) });
    try {
      await expectOneEvent("kek.rewrapped", "success", () => rewrapBatch(admin, 10_000));
    } finally {
      setKeyring(previous);
    }

    const inSource = actionsInSource();
    const covered = new Set(exercised.values());
    const missing = [...inSource].filter((a) => !covered.has(a));
    expect(missing, "actions written by lib/ without a coverage row here").toEqual([]);
    const uncatalogued = [...inSource].filter(
      (a) => !(knownActions as readonly string[]).includes(a),
    );
    expect(uncatalogued, "add these to knownActions in lib/audit/query.ts").toEqual([]);
  });
});
