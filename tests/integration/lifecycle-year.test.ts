import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from "jose";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { jwksCache } from "@/lib/jwks/cache";
import { generateKey } from "@/lib/keys/service";
import { signToken } from "@/lib/keys/sign";
import { putPolicy } from "@/lib/rotation/policies";
import { tick } from "@/lib/rotation/scheduler";
import { updateTenant } from "@/lib/tenants/service";
import { instanceAdmin, seedTenant, tokenActor } from "../support/fixtures";

// A year of rotation policies on a fake clock. The JWKS only changes when the
// scheduler acts, so recording every document with the instant it appeared gives the
// exact JWKS at every instant; the check below is exhaustive over those documents, not a
// sample. Claim: every token verifies from issue to expiry (plus skew) with ANY copy a
// verifier could hold — one fetched at any moment up to the verifier cache time earlier.

const DAY = 86_400_000;
const C = 3600; // verifier cache time: an hour, so the lead (not the staging margin) decides
const L = 3600; // longest token lifetime (tenant default)
const SKEW = 60; // clock skew (tenant default)

// Two slots: one keeps a staged key ready, the other stages just in time.
const slots = [
  { alg: "ES256", rotateEveryDays: 30, keepStaged: true, rotations: 12 },
  { alg: "EdDSA", rotateEveryDays: 45, keepStaged: false, rotations: 8 },
] as const;
const STEP_MS = 8 * 3600 * 1000; // a token at least every 8 h, and at every scheduler action

interface Snapshot {
  from: number;
  body: string;
  jwks: JSONWebKeySet;
  kids: Set<string>;
}

interface Issued {
  alg: string;
  token: string;
  kid: string;
  signedAt: number;
  exp: number;
}

describe("a year of a 30-day rotation policy", () => {
  it("keeps exactly one active key and every token verifiable against every possible cached JWKS", async () => {
    const admin = await instanceAdmin();
    const { slug, issuer } = await seedTenant(admin);
    const signer = await tokenActor(admin, slug, ["keys:sign"]);
    await updateTenant(admin, slug, { verifierCacheSeconds: C });
    let firstActivation = 0;
    for (const slot of slots) {
      const first = await generateKey(admin, slug, { alg: slot.alg });
      firstActivation = Math.max(firstActivation, first.activatedAt!.getTime());
      await putPolicy(admin, slug, slot.alg, {
        rotateEveryDays: slot.rotateEveryDays,
        keepStaged: slot.keepStaged,
      });
    }

    const prisma = await db();
    const t0 = Math.ceil(firstActivation / 1000) * 1000 + 1000;
    const end = t0 + 365 * DAY;
    const snapshots: Snapshot[] = [];
    const issued: Issued[] = [];
    let ticks = 0;

    const record = async (now: number) => {
      const body = (await jwksCache().get(slug))!.jwks.body.toString();
      const jwks = JSON.parse(body) as JSONWebKeySet;
      const last = snapshots.at(-1);
      if (last?.body === body) return;
      snapshots.push({ from: now, body, jwks, kids: new Set(jwks.keys.map((k) => k.kid!)) });
    };
    const sign = async (now: number) => {
      for (const { alg } of slots) {
        const signed = await signToken(
          signer,
          slug,
          { alg, claims: { sub: "svc" }, expiresIn: "1d" },
          new Date(now),
        );
        expect(signed.lifetimeCapped).toBe(true);
        const exp = Date.parse(signed.expiresAt);
        expect(exp - Math.floor(now / 1000) * 1000).toBe(L * 1000);
        issued.push({ alg, token: signed.token, kid: signed.kid, signedAt: now, exp });
      }
    };

    await record(t0);
    for (let now = t0; now <= end;) {
      await sign(now); // the key that was active up to this instant
      const report = await tick(new Date(now));
      ticks += 1;
      expect(report.ran).toBe(true);
      expect(report.failures).toBe(0);
      await record(now);
      await sign(now); // the key active from this instant on

      const active = await prisma.key.groupBy({
        by: ["alg"],
        where: { tenant: { slug }, state: "active" },
        _count: true,
      });
      expect(
        Object.fromEntries(active.map((g) => [g.alg, g._count])),
        new Date(now).toISOString(),
      ).toEqual({ ES256: 1, EdDSA: 1 });

      const nextDue = report.nextDueAt?.getTime() ?? Infinity;
      now = nextDue > now ? Math.min(nextDue, now + STEP_MS) : now + 1000;
    }

    // Exhaustive: each token against every JWKS document that was current at some moment
    // in [signedAt - C, exp + SKEW], i.e. every copy a verifier could be using.
    let verifications = 0;
    for (const token of issued) {
      expect(decodeProtectedHeader(token.token).kid).toBe(token.kid);
      const windowStart = token.signedAt - C * 1000;
      const windowEnd = token.exp + SKEW * 1000;
      for (const [i, snapshot] of snapshots.entries()) {
        const until = snapshots[i + 1]?.from ?? Infinity;
        if (until <= windowStart || snapshot.from > windowEnd) continue;
        expect(
          snapshot.kids.has(token.kid),
          `token of ${token.kid.slice(0, 8)} signed ${new Date(token.signedAt).toISOString()} vs JWKS of ${new Date(snapshot.from).toISOString()}`,
        ).toBe(true);
        const checkAt = Math.min(Math.max(snapshot.from, token.signedAt), token.exp - 1000);
        await jwtVerify(token.token, createLocalJWKSet(snapshot.jwks), {
          issuer,
          algorithms: [token.alg],
          currentDate: new Date(checkAt),
          clockTolerance: SKEW,
        });
        verifications += 1;
      }
    }

    // "Until it expires": past expiry plus skew, the same token is refused.
    const sample = issued[0];
    await expect(
      jwtVerify(sample.token, createLocalJWKSet(snapshots[0].jwks), {
        currentDate: new Date(sample.exp + (SKEW + 1) * 1000),
        clockTolerance: SKEW,
      }),
    ).rejects.toMatchObject({ code: "ERR_JWT_EXPIRED" });

    for (const slot of slots) {
      const rotations = await prisma.auditEvent.count({
        where: {
          action: "key.rotated",
          actorType: "system",
          details: { path: ["alg"], equals: slot.alg },
        },
      });
      const activations = await prisma.key.findMany({
        where: { tenant: { slug }, alg: slot.alg, activatedAt: { not: null } },
        orderBy: { activatedAt: "asc" },
        select: { activatedAt: true },
      });
      const gaps = activations
        .slice(1)
        .map((k, i) => (k.activatedAt!.getTime() - activations[i].activatedAt!.getTime()) / DAY);
      const kidsUsed = new Set(issued.filter((t) => t.alg === slot.alg).map((t) => t.kid));

      expect(rotations, slot.alg).toBe(slot.rotations);
      expect(
        gaps.every((days) => days >= slot.rotateEveryDays && days < slot.rotateEveryDays + 0.01),
      ).toBe(true);
      expect(kidsUsed.size, slot.alg).toBe(slot.rotations + 1);
    }
    // Retired keys leave: at most active + staged + one retired per slot at any time.
    expect(Math.max(...snapshots.map((s) => s.kids.size))).toBeLessThanOrEqual(5);
    expect(snapshots.at(-1)!.kids.size).toBe(3); // ES256 active + staged, EdDSA active
    expect(issued.length).toBeGreaterThan(2 * 2 * 365 * 3);
    expect(verifications).toBeGreaterThan(issued.length);
    expect(ticks).toBeGreaterThan(1000);
  });
});
