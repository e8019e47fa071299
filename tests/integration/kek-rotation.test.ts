import crypto from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { systemActor } from "@/lib/auth/actor";
import { kekFromBase64, type Kek } from "@/lib/crypto/kek";
import { keyring, setKeyring } from "@/lib/crypto/keyring";
import { db } from "@/lib/db/client";
import { importKeys } from "@/lib/keys/import";
import { getKekStatus, readKekStatus, rewrapAll, rewrapBatch } from "@/lib/keys/kek-rotation";
import { generateKey } from "@/lib/keys/service";
import { signToken } from "@/lib/keys/sign";
import { forgetSigningKey } from "@/lib/keys/signing-keys";
import { instanceAdmin, outcome, seedTenant, tokenActor } from "../support/fixtures";

const newKek = () => kekFromBase64(crypto.randomBytes(32).toString("base64"));
const ring = (current: Kek, ...previous: Kek[]) =>
  setKeyring({ current, byId: new Map([...previous, current].map((k) => [k.id, k])) });

const original = keyring();
afterAll(() => setKeyring(original));

/** Drops this process's decrypted keys, so the next signature unwraps from the row again. */
async function forgetAllSigningKeys() {
  const prisma = await db();
  for (const { id } of await prisma.key.findMany({ select: { id: true } })) forgetSigningKey(id);
}

async function signAll(signer: Awaited<ReturnType<typeof tokenActor>>, slug: string) {
  await forgetAllSigningKeys();
  const results: Record<string, string> = {};
  for (const alg of ["ES256", "RS256", "HS256", "EdDSA"]) {
    results[alg] = await outcome(signToken(signer, slug, { alg, claims: { sub: alg } }));
  }
  return results;
}

const allSign = { ES256: "ok", RS256: "ok", HS256: "ok", EdDSA: "ok" };

describe("rolling in a new KEK", () => {
  it("keeps old keys signing, re-wraps every row in audited batches, then lets KEK1 go", async () => {
    const kek1 = newKek();
    const kek2 = newKek();
    ring(kek1);
    const admin = await instanceAdmin();
    const { slug } = await seedTenant(admin);
    const signer = await tokenActor(admin, slug, ["keys:sign"]);
    for (const alg of ["ES256", "RS256", "HS256"] as const) await generateKey(admin, slug, { alg });
    await importKeys(admin, slug, {
      pem: crypto.generateKeyPairSync("ed25519").privateKey.export({
        type: "pkcs8",
        format: "pem",
      }) as string,
    });
    // A public-only key has nothing wrapped and never counts against a KEK.
    await importKeys(admin, slug, {
      jwk: crypto.generateKeyPairSync("ed25519").publicKey.export({ format: "jwk" }),
    });
    const prisma = await db();
    const wrapped = await prisma.key.count({
      where: { privateCiphertext: { not: null }, kekId: kek1.id },
    });
    expect(wrapped).toBeGreaterThanOrEqual(4);
    expect(await signAll(signer, slug)).toEqual(allSign);

    // KEK2 becomes current, KEK1 stays as a previous KEK: nothing is re-wrapped yet.
    ring(kek2, kek1);
    const before = await readKekStatus();
    expect(before.currentKekId).toBe(kek2.id);
    expect(before.kekIds.find((k) => k.kekId === kek1.id)).toMatchObject({
      role: "previous",
      keys: wrapped,
    });
    expect(before.droppable).toEqual([]);
    expect(await signAll(signer, slug)).toEqual(allSign);

    // Dropping KEK1 now would break signing: the test that the roll-in really matters.
    ring(kek2);
    expect(await signAll(signer, slug)).toEqual({
      ES256: expect.stringMatching(/^unexpected/),
      RS256: expect.stringMatching(/^unexpected/),
      HS256: expect.stringMatching(/^unexpected/),
      EdDSA: expect.stringMatching(/^unexpected/),
    });
    expect((await readKekStatus()).unreadable).toBe(wrapped);
    ring(kek2, kek1);

    const batches: number[] = [];
    const after = await rewrapAll(systemActor, {
      batchSize: 3,
      onBatch: (r) => batches.push(r.rewrapped),
    });

    expect(batches.reduce((a, b) => a + b, 0)).toBe(wrapped);
    expect(Math.max(...batches)).toBeLessThanOrEqual(3);
    expect(after.remaining).toBe(0);
    expect(after.droppable).toEqual([kek1.id]);
    expect(after.kekIds.find((k) => k.kekId === kek2.id)?.keys).toBe(wrapped);
    const events = await prisma.auditEvent.findMany({
      where: { action: "kek.rewrapped" },
      orderBy: { id: "asc" },
    });
    expect(events.map((e) => (e.details as { count: number }).count)).toEqual(batches);
    expect(events.every((e) => e.actorType === "system" && e.tenantId === null)).toBe(true);
    expect(JSON.stringify(events.map((e) => e.details))).not.toContain(kek1.key.toString("base64"));

    // KEK1 is dropped for good: every key still signs.
    ring(kek2);
    expect(await signAll(signer, slug)).toEqual(allSign);
    expect((await rewrapBatch(systemActor)).rewrapped).toBe(0);
  });

  it("re-wraps Keyward's own system keys with the same scope they were wrapped for", async () => {
    const kek1 = newKek();
    const kek2 = newKek();
    ring(kek1);
    const { wrap, unwrap } = await import("@/lib/crypto/kek");
    const prisma = await db();
    const id = crypto.randomUUID();
    const secret = Buffer.from('{"d":"system"}');
    await prisma.systemKey.create({
      data: {
        id,
        purpose: "kek-test",
        kid: `kek-test-${id}`,
        alg: "EdDSA",
        publicJwk: {},
        privateCiphertext: new Uint8Array(wrap(kek1, secret, "system", id)),
        kekId: kek1.id,
      },
    });

    ring(kek2, kek1);
    await rewrapAll(systemActor);

    const row = await prisma.systemKey.findUniqueOrThrow({ where: { id } });
    expect(row.kekId).toBe(kek2.id);
    expect(unwrap(kek2, Buffer.from(row.privateCiphertext), "system", id).equals(secret)).toBe(
      true,
    );
  });

  it("is for instance administrators only", async () => {
    const admin = await instanceAdmin();
    const { slug } = await seedTenant(admin);
    const manager = await tokenActor(admin, slug, ["keys:rotate"]);

    expect(await outcome(getKekStatus(manager))).toBe("forbidden");
    expect(await outcome(rewrapBatch(manager))).toBe("forbidden");
    expect(await outcome(getKekStatus(admin))).toBe("ok");
  });
});
