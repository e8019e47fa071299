import { describe, expect, it } from "vitest";
import { unwrap } from "@/lib/crypto/kek";
import { keyring } from "@/lib/crypto/keyring";
import { db } from "@/lib/db/client";
import { jwksCache } from "@/lib/jwks/cache";
import { generateKey, getTenantKey, revokeKey, rotateSlot } from "@/lib/keys/service";
import { instanceAdmin, outcome, seedTenant, uniqueSlug } from "../support/fixtures";

async function publishedKids(slug: string) {
  const docs = await jwksCache().get(slug);
  return (JSON.parse(docs!.jwks.body.toString()).keys as { kid: string }[]).map((k) => k.kid);
}

describe("key lifecycle", () => {
  it("activates the first key of a slot and stages later ones", async () => {
    const admin = await instanceAdmin();
    const { slug } = await seedTenant(admin);

    const first = await generateKey(admin, slug, { alg: "ES256" });
    const second = await generateKey(admin, slug, { alg: "ES256" });
    const otherSlot = await generateKey(admin, slug, { alg: "EdDSA" });

    expect([first.state, second.state, otherSlot.state]).toEqual(["active", "staged", "active"]);
    expect(await publishedKids(slug)).toEqual(
      expect.arrayContaining([first.kid, second.kid, otherSlot.kid]),
    );
  });

  it("rotates: the staged key becomes active, the old one retired and still published", async () => {
    const admin = await instanceAdmin();
    const { slug } = await seedTenant(admin);
    const first = await generateKey(admin, slug, { alg: "ES384" });
    const staged = await generateKey(admin, slug, { alg: "ES384" });

    const { active, retired } = await rotateSlot(admin, slug, {
      alg: "ES384",
      emergency: true,
      reason: "drill",
    });

    expect(active.kid).toBe(staged.kid);
    expect(retired?.kid).toBe(first.kid);
    expect((await getTenantKey(admin, slug, first.kid)).key.state).toBe("retired");
    expect(await publishedKids(slug)).toEqual(expect.arrayContaining([first.kid, staged.kid]));

    const prisma = await db();
    const event = await prisma.auditEvent.findFirst({
      where: { action: "key.rotated", kid: staged.kid },
    });
    expect(event?.details).toMatchObject({
      emergency: true,
      reason: "drill",
      retiredKid: first.kid,
    });
  });

  it("rotates a slot with nothing staged by generating the next key", async () => {
    const admin = await instanceAdmin();
    const { slug } = await seedTenant(admin);
    const first = await generateKey(admin, slug, { alg: "PS256" });

    const { active } = await rotateSlot(admin, slug, {
      alg: "PS256",
      emergency: true,
      reason: "nothing staged",
    });

    expect(active.kid).not.toBe(first.kid);
    expect(active.state).toBe("active");
  });

  it("keeps exactly one active key per slot under concurrent rotations", async () => {
    const admin = await instanceAdmin();
    const { slug } = await seedTenant(admin);
    await generateKey(admin, slug, { alg: "ES256" });

    await Promise.all(
      Array.from({ length: 6 }, () =>
        rotateSlot(admin, slug, { alg: "ES256", emergency: true, reason: "race" }),
      ),
    );

    const prisma = await db();
    const active = await prisma.key.count({
      where: { tenant: { slug }, alg: "ES256", state: "active" },
    });
    expect(active).toBe(1);
  });

  it("revokes with a reason, drops the key from the JWKS at once, and refuses a second revocation", async () => {
    const admin = await instanceAdmin();
    const { slug } = await seedTenant(admin);
    const key = await generateKey(admin, slug, { alg: "ES256" });
    expect(await publishedKids(slug)).toContain(key.kid);

    const revoked = await revokeKey(admin, slug, key.kid, { reason: "compromised" });

    expect(revoked.state).toBe("revoked");
    expect(revoked.revokeReason).toBe("compromised");
    expect(await publishedKids(slug)).not.toContain(key.kid);
    expect(await outcome(revokeKey(admin, slug, key.kid, { reason: "compromised" }))).toBe(
      "conflict",
    );
    expect(await outcome(revokeKey(admin, slug, "no-such-kid", { reason: "compromised" }))).toBe(
      "not_found",
    );
  });

  it("asks for a note when the revocation reason is 'other'", async () => {
    const admin = await instanceAdmin();
    const { slug } = await seedTenant(admin);
    const key = await generateKey(admin, slug, { alg: "ES256" });

    await expect(revokeKey(admin, slug, key.kid, { reason: "other" })).rejects.toThrow(
      /Describe the reason/,
    );
    expect((await getTenantKey(admin, slug, key.kid)).key.state).toBe("active");
  });

  it("stores private material only encrypted, bound to its row", async () => {
    const admin = await instanceAdmin();
    const { slug, id: tenantId } = await seedTenant(admin);
    const key = await generateKey(admin, slug, { alg: "RS256", modulusLength: 2048 });

    const prisma = await db();
    const row = await prisma.key.findUniqueOrThrow({
      where: { id: key.id },
      omit: { privateCiphertext: false },
    });
    const ciphertext = Buffer.from(row.privateCiphertext!);
    const plaintext = unwrap(keyring().current, ciphertext, tenantId, key.id);
    const privateJwk = JSON.parse(plaintext.toString());

    expect(privateJwk.d).toBeTypeOf("string");
    expect(ciphertext.includes(Buffer.from(privateJwk.d))).toBe(false);
    expect(JSON.stringify(row.publicJwk)).not.toContain(privateJwk.d);
    expect(() => unwrap(keyring().current, ciphertext, tenantId, crypto.randomUUID())).toThrow(
      /could not be decrypted/,
    );
    expect(key).not.toHaveProperty("privateCiphertext");
  });

  it("generates every supported algorithm with an RFC 7638 kid", async () => {
    const admin = await instanceAdmin();
    const { slug } = await seedTenant(admin, uniqueSlug("algs"));
    for (const alg of ["RS256", "PS256", "ES256", "ES384", "ES512", "EdDSA"] as const) {
      const key = await generateKey(admin, slug, { alg });
      const { calculateJwkThumbprint } = await import("jose");
      expect(key.kid).toBe(await calculateJwkThumbprint(key.publicJwk as never, "sha256"));
    }
  });
});
