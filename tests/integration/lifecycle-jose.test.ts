import { createRemoteJWKSet, customFetch, jwtVerify } from "jose";
import { afterEach, describe, expect, it, vi } from "vitest";
import { jwksCache } from "@/lib/jwks/cache";
import { generateKey, rotateSlot } from "@/lib/keys/service";
import { signToken } from "@/lib/keys/sign";
import { putPolicy } from "@/lib/rotation/policies";
import { tick } from "@/lib/rotation/scheduler";
import { instanceAdmin, seedTenant, tokenActor } from "../support/fixtures";

// jose's createRemoteJWKSet, unmodified, as a service would use it: it keeps the JWKS for
// its cache time and refetches on an unknown kid only after a cool-down. Our code takes
// time as a parameter; jose reads the system clock, so the system Date is set to the same
// fake instant at each step (timers stay real). Its fetch is answered with the document the
// public endpoint serves (lib/jwks/cache.ts), exactly as the server would send it.

const C = 600; // tenant's verifier cache time (default)
const SKEW = 60;
const STEP_MS = 5 * 60 * 1000;
const DAY = 86_400_000;

afterEach(() => {
  vi.useRealTimers();
});

function cachingVerifier(slug: string) {
  let fetches = 0;
  const jwks = createRemoteJWKSet(new URL(`http://keyward.test/t/${slug}/.well-known/jwks.json`), {
    cacheMaxAge: C * 1000,
    // A verifier that refetches on an unknown kid no sooner than its cache time: the
    // case rotation timing must survive.
    cooldownDuration: C * 1000,
    [customFetch]: async () => {
      fetches += 1;
      const docs = await jwksCache().get(slug);
      return new Response(docs!.jwks.body.toString(), {
        status: 200,
        headers: { "content-type": "application/jwk-set+json" },
      });
    },
  });
  return { jwks, fetches: () => fetches };
}

async function setup() {
  const t0 = Math.ceil(Date.now() / 1000) * 1000 + 1000;
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(t0);
  const admin = await instanceAdmin();
  const { slug } = await seedTenant(admin);
  const signer = await tokenActor(admin, slug, ["keys:sign"]);
  await generateKey(admin, slug, { alg: "ES256" });
  const sign = async (now: number) =>
    (await signToken(signer, slug, { alg: "ES256", claims: {} }, new Date(now))).token;
  return { admin, slug, t0, sign };
}

describe("a cached jose verifier across policy rotations", () => {
  it("verifies every token, old and new, at every step of three days of daily rotation", async () => {
    const { admin, slug, t0, sign } = await setup();
    await putPolicy(admin, slug, "ES256", { rotateEveryDays: 1 });
    const verifier = cachingVerifier(slug);
    const outstanding: { token: string; exp: number }[] = [];
    const failures: string[] = [];
    let verified = 0;
    let rotations = 0;

    for (let now = t0; now <= t0 + 3 * DAY + 2 * 3600_000; now += STEP_MS) {
      vi.setSystemTime(now);
      // One token from the key active until this instant, one from the key active after.
      outstanding.push({ token: await sign(now), exp: now + 3600_000 });
      const report = await tick(new Date(now));
      rotations += report.actions.filter((a) => a.slug === slug && a.kind === "promote").length;
      outstanding.push({ token: await sign(now), exp: now + 3600_000 });

      for (const { token, exp } of outstanding) {
        if (exp + SKEW * 1000 < now) continue;
        try {
          await jwtVerify(token, verifier.jwks, { clockTolerance: SKEW });
          verified += 1;
        } catch (error) {
          failures.push(`${new Date(now).toISOString()}: ${(error as { code?: string }).code}`);
        }
      }
    }

    expect(failures).toEqual([]);
    expect(rotations).toBe(3);
    expect(verified).toBeGreaterThan(800 * 24);
    // It really cached: about one fetch per cache time, not one per verification.
    expect(verifier.fetches()).toBeLessThanOrEqual((3 * DAY + 2 * 3600_000) / (C * 1000) + 2);
  });

  it("would fail with an early promotion, which is why one needs the emergency override", async () => {
    const { admin, slug, t0, sign } = await setup();
    const verifier = cachingVerifier(slug);
    await jwtVerify(await sign(t0), verifier.jwks);

    await generateKey(admin, slug, { alg: "ES256" });
    await expect(rotateSlot(admin, slug, { alg: "ES256" }, new Date(t0 + 1000))).rejects.toThrow(
      /becomes safe to promote/,
    );
    await rotateSlot(
      admin,
      slug,
      { alg: "ES256", emergency: true, reason: "test" },
      new Date(t0 + 1000),
    );
    vi.setSystemTime(t0 + 2000);

    await expect(jwtVerify(await sign(t0 + 2000), verifier.jwks)).rejects.toMatchObject({
      code: "ERR_JWKS_NO_MATCHING_KEY",
    });
  });
});
