import crypto from "node:crypto";
import { z } from "zod";
import type { Actor } from "../auth/actor";
import { authorizeTenant } from "../authz/authorize";
import {
  isRsaAlgorithm,
  rsaModulusLengths,
  signingAlgorithms,
  type RsaModulusLength,
  type SigningAlgorithm,
} from "../crypto/algorithms";
import { generateSigningKey, type GeneratedKey } from "../crypto/generate";
import { wrap } from "../crypto/kek";
import { keyring } from "../crypto/keyring";
import { db } from "../db/client";
import {
  findActiveKey,
  findKeyByKid,
  findOldestSignableStagedKey,
  findTenantTiming,
  insertKey,
  updateKey,
} from "../db/keys";
import type { DbClient } from "../db/types";
import { conflict } from "../errors";
import { mutateTenant } from "../operations/mutate";
import {
  describeSafeAt,
  leadSeconds,
  promotableAt,
  unpublishableAt,
  type TimingSettings,
} from "../rotation/timing";
import { assertTransition } from "./states";
import { getKeyOrThrow } from "./lookup";

// Promotion and unpublishing, with the timing rules of DESIGN.md enforced here — the one
// place every path goes through (console, API, scheduler). A staged key signs only after
// its lead; a retired key leaves the JWKS only after its overlap. Promoting early takes an
// explicit emergency override with a reason, and the audit event says it was early.

export type KeyRow = NonNullable<Awaited<ReturnType<typeof findKeyByKid>>>;

const short = (kid: string) => `${kid.slice(0, 12)}…`;

const override = {
  emergency: z.boolean({ message: "emergency must be true or false." }).optional().default(false),
  reason: z.string().trim().max(500).optional(),
};
const reasonGiven = (v: { emergency: boolean; reason?: string }) =>
  !v.emergency || Boolean(v.reason && v.reason.length > 0);
const reasonRule = {
  message: "Give a reason for an emergency promotion; it is recorded in the audit trail.",
  path: ["reason"],
};

export const rotateInput = z
  .object({
    alg: z.enum(signingAlgorithms, { message: "Choose a supported algorithm." }),
    ...override,
  })
  .refine(reasonGiven, reasonRule);

export const activateInput = z.object(override).refine(reasonGiven, reasonRule);

/** Wraps a fresh key pair and stores it as staged: published from `now` on. */
export async function storeStagedKey(
  tx: DbClient,
  tenantId: string,
  material: GeneratedKey,
  now: Date,
  modulusLength?: number | null,
) {
  const id = crypto.randomUUID();
  const ring = keyring();
  const plaintext = Buffer.from(JSON.stringify(material.privateJwk));
  const ciphertext = wrap(ring.current, plaintext, tenantId, id);
  plaintext.fill(0);
  return insertKey(tx, {
    id,
    tenantId,
    kid: material.kid,
    kty: material.kty,
    alg: material.alg,
    use: "sig",
    state: "staged",
    publicJwk: material.publicJwk as object,
    privateCiphertext: new Uint8Array(ciphertext),
    kekId: ring.current.id,
    createdAt: now,
    ...(modulusLength ? { modulusLength } : {}),
  });
}

/** A new key for the slot, with the same RSA size as the key it will replace. */
export async function generateForSlot(
  alg: SigningAlgorithm,
  current?: { modulusLength: number | null } | null,
) {
  const size = (rsaModulusLengths as readonly number[]).includes(current?.modulusLength ?? 0)
    ? (current!.modulusLength as RsaModulusLength)
    : 2048;
  const material = await generateSigningKey(alg, size);
  return { material, modulusLength: isRsaAlgorithm(alg) ? size : null };
}

/**
 * Makes a staged key active and retires the slot's active key, inside the caller's
 * transaction (tenant locked). Refuses before the lead unless `emergency`.
 */
export async function promoteKey(
  tx: DbClient,
  tenantId: string,
  next: KeyRow,
  settings: TimingSettings,
  now: Date,
  emergency: boolean,
) {
  assertTransition(next.state, "activate");
  if (!next.canSign) {
    throw conflict("This key has no private key: it can verify tokens but never sign.");
  }
  // Symmetric secrets are never published, so no verifier cache stands in their way.
  const safeAt = next.kty === "oct" ? next.createdAt : promotableAt(next, settings);
  const early = safeAt > now;
  if (early && !emergency) {
    throw conflict(
      `Staged key ${short(next.kid)} becomes safe to promote ${describeSafeAt(safeAt, now)}. ` +
        "Verifiers that fetched the JWKS before it was published reject its tokens until then. " +
        "Wait, or promote it as an emergency with a reason.",
    );
  }

  const previous = await findActiveKey(tx, tenantId, next.use, next.alg);
  let retired: KeyRow | null = null;
  if (previous) {
    assertTransition(previous.state, "retire");
    retired = await updateKey(tx, tenantId, previous.id, { state: "retired", retiredAt: now });
  }
  const active = await updateKey(tx, tenantId, next.id, { state: "active", activatedAt: now });
  return { active, retired, early, safeAt };
}

/** Takes a retired key out of the JWKS, inside the caller's transaction; never early. */
export async function unpublishRetiredKey(
  tx: DbClient,
  tenantId: string,
  key: KeyRow,
  settings: TimingSettings,
  now: Date,
) {
  assertTransition(key.state, "unpublish");
  const safeAt = unpublishableAt(key, settings);
  if (safeAt > now) {
    throw conflict(
      `Key ${short(key.kid)} may still have tokens in flight; it becomes safe to unpublish ` +
        `${describeSafeAt(safeAt, now)}. If it is compromised, revoke it instead.`,
    );
  }
  return updateKey(tx, tenantId, key.id, { state: "unpublished", unpublishedAt: now });
}

/**
 * Rotates a slot: its staged key published longest becomes active, the active key is
 * retired. With nothing staged, a new key is generated only in an emergency (it was never
 * published), or when the tenant's lead is zero.
 */
export async function rotateSlot(
  actor: Actor,
  slug: string,
  raw: z.input<typeof rotateInput>,
  now = new Date(),
) {
  const input = rotateInput.parse(raw);
  const access = await authorizeTenant(actor, slug, "keys.manage", "key.rotated");
  const prisma = await db();
  const candidate = await findOldestSignableStagedKey(prisma, access.tenant.id, "sig", input.alg);
  const mayGenerate = input.emergency || leadSeconds(access.tenant) === 0;
  // Generation is slow (RSA) and happens before the tenant lock is taken.
  const fresh =
    candidate || !mayGenerate
      ? null
      : await generateForSlot(
          input.alg,
          await findActiveKey(prisma, access.tenant.id, "sig", input.alg),
        );

  return mutateTenant(
    actor,
    slug,
    { permission: "keys.manage", action: "key.rotated" },
    async ({ tx, tenant }) => {
      const settings = await findTenantTiming(tx, tenant.id);
      let next = await findOldestSignableStagedKey(tx, tenant.id, "sig", input.alg);
      let generated = false;
      if (!next) {
        const lead = leadSeconds(settings);
        if (!input.emergency && lead > 0) {
          const safeAt = new Date(now.getTime() + lead * 1000);
          throw conflict(
            `No ${input.alg} key is staged. Stage a key first (generate one); it becomes safe to ` +
              `promote ${describeSafeAt(safeAt, now)}. After a compromise, rotate as an emergency with a reason.`,
          );
        }
        const made = fresh ?? (await generateForSlot(input.alg));
        next = await storeStagedKey(tx, tenant.id, made.material, now, made.modulusLength);
        generated = true;
      }
      const { active, retired, early } = await promoteKey(
        tx,
        tenant.id,
        next,
        settings,
        now,
        input.emergency,
      );
      return {
        result: { active, retired },
        audit: {
          targetType: "key",
          targetId: active.id,
          kid: active.kid,
          details: {
            alg: input.alg,
            retiredKid: retired?.kid ?? null,
            generated,
            emergency: input.emergency,
            early,
            ...(input.reason ? { reason: input.reason } : {}),
          },
        },
        jwksChanged: true,
      };
    },
  );
}

/** Activates one particular staged key (retiring the slot's active key). */
export async function activateKey(
  actor: Actor,
  slug: string,
  kid: string,
  raw: z.input<typeof activateInput>,
  now = new Date(),
) {
  const input = activateInput.parse(raw ?? {});
  return mutateTenant(
    actor,
    slug,
    { permission: "keys.manage", action: "key.activated" },
    async ({ tx, tenant }) => {
      const key = await getKeyOrThrow(tx, tenant.id, kid);
      const settings = await findTenantTiming(tx, tenant.id);
      const { active, retired, early } = await promoteKey(
        tx,
        tenant.id,
        key,
        settings,
        now,
        input.emergency,
      );
      return {
        result: { active, retired },
        audit: {
          targetType: "key",
          targetId: active.id,
          kid: active.kid,
          details: {
            alg: active.alg,
            retiredKid: retired?.kid ?? null,
            emergency: input.emergency,
            early,
            ...(input.reason ? { reason: input.reason } : {}),
          },
        },
        jwksChanged: true,
      };
    },
  );
}

/** Takes a retired key out of the JWKS once its overlap has passed. */
export async function unpublishKey(actor: Actor, slug: string, kid: string, now = new Date()) {
  return mutateTenant(
    actor,
    slug,
    { permission: "keys.manage", action: "key.unpublished" },
    async ({ tx, tenant }) => {
      const key = await getKeyOrThrow(tx, tenant.id, kid);
      const settings = await findTenantTiming(tx, tenant.id);
      const unpublished = await unpublishRetiredKey(tx, tenant.id, key, settings, now);
      return {
        result: unpublished,
        audit: {
          targetType: "key",
          targetId: key.id,
          kid: key.kid,
          details: { alg: key.alg, retiredAt: key.retiredAt?.toISOString() ?? null },
        },
        jwksChanged: true,
      };
    },
  );
}
