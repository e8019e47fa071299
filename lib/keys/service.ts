import crypto from "node:crypto";
import { z } from "zod";
import type { Actor } from "../auth/actor";
import { authorizeTenant } from "../authz/authorize";
import {
  isRsaAlgorithm,
  isSymmetricAlgorithm,
  keyAlgorithms,
  rsaModulusLengths,
  useOf,
} from "../crypto/algorithms";
import { generateSigningKey, type GeneratedKey } from "../crypto/generate";
import { generateSymmetricKey, type SymmetricKey } from "../crypto/symmetric";
import { wrap } from "../crypto/kek";
import { keyring } from "../crypto/keyring";
import { findActiveKey, insertKey, listKeys, updateKey } from "../db/keys";
import { db } from "../db/client";
import type { DbClient } from "../db/types";
import { mutateTenant } from "../operations/mutate";
import { forgetSigningKey } from "./signing-keys";
import { assertTransition, revocationReasons } from "./states";
import { getKeyOrThrow } from "./lookup";

export { KEY_NOT_FOUND } from "./lookup";

export const generateKeyInput = z.object({
  alg: z.enum(keyAlgorithms, { message: "Choose a supported algorithm." }),
  modulusLength: z.coerce
    .number()
    .refine(
      (v) => (rsaModulusLengths as readonly number[]).includes(v),
      "RSA keys are 2048, 3072 or 4096 bits.",
    )
    .optional(),
});

export const revokeInput = z
  .object({
    reason: z.enum(revocationReasons, {
      message: "Reason must be compromised, superseded or other.",
    }),
    note: z.string().trim().max(500).optional(),
  })
  .refine((v) => v.reason !== "other" || (v.note && v.note.length > 0), {
    message: "Describe the reason when it is 'other'.",
    path: ["note"],
  });

async function storeGeneratedKey(
  tx: DbClient,
  tenantId: string,
  material: GeneratedKey | SymmetricKey,
  activate: boolean,
) {
  const id = crypto.randomUUID();
  const ring = keyring();
  const ciphertext = wrap(
    ring.current,
    Buffer.from(JSON.stringify(material.privateJwk)),
    tenantId,
    id,
  );
  const now = new Date();
  return insertKey(tx, {
    id,
    tenantId,
    kid: material.kid,
    kty: material.kty,
    alg: material.alg,
    use: "use" in material ? material.use : "sig",
    state: activate ? "active" : "staged",
    // Symmetric secrets have no public half: SQL NULL keeps them out of every JWKS query.
    ...(material.publicJwk ? { publicJwk: material.publicJwk as object } : {}),
    privateCiphertext: new Uint8Array(ciphertext),
    kekId: ring.current.id,
    activatedAt: activate ? now : null,
  });
}

export async function generateKey(
  actor: Actor,
  slug: string,
  raw: z.input<typeof generateKeyInput>,
) {
  const input = generateKeyInput.parse(raw);
  await authorizeTenant(actor, slug, "keys.manage", "key.created");
  // Generation is slow (RSA-4096 ~1 s) and happens before the tenant lock is taken.
  const modulusLength = isRsaAlgorithm(input.alg) ? (input.modulusLength ?? 2048) : undefined;
  const material = isSymmetricAlgorithm(input.alg)
    ? generateSymmetricKey(input.alg)
    : await generateSigningKey(input.alg, modulusLength as 2048 | undefined);

  return mutateTenant(
    actor,
    slug,
    { permission: "keys.manage", action: "key.created" },
    async ({ tx, tenant }) => {
      const active = await findActiveKey(tx, tenant.id, useOf(input.alg), input.alg);
      const key = await storeGeneratedKey(tx, tenant.id, material, !active);
      return {
        result: key,
        audit: {
          targetType: "key",
          targetId: key.id,
          kid: key.kid,
          details: { alg: key.alg, state: key.state, ...(modulusLength ? { modulusLength } : {}) },
        },
        jwksChanged: true,
      };
    },
  );
}

// Rotation and activation live with the timing rules they must respect.
export { activateKey, rotateInput, rotateSlot, unpublishKey } from "./lifecycle";

export async function revokeKey(
  actor: Actor,
  slug: string,
  kid: string,
  raw: z.input<typeof revokeInput>,
  now = new Date(),
) {
  const input = revokeInput.parse(raw);
  const result = await mutateTenant(
    actor,
    slug,
    { permission: "keys.revoke", action: "key.revoked" },
    async ({ tx, tenant }) => {
      const key = await getKeyOrThrow(tx, tenant.id, kid);
      assertTransition(key.state, "revoke");
      const reason = input.note ? `${input.reason}: ${input.note}` : input.reason;
      const revoked = await updateKey(tx, tenant.id, key.id, {
        state: "revoked",
        revokedAt: now,
        revokeReason: reason,
      });
      return {
        result: revoked,
        audit: {
          targetType: "key",
          targetId: key.id,
          kid: key.kid,
          details: {
            previousState: key.state,
            reason: input.reason,
            ...(input.note ? { note: input.note } : {}),
          },
        },
        jwksChanged: true,
      };
    },
  );
  forgetSigningKey(result.id);
  return result;
}

export async function listTenantKeys(
  actor: Actor,
  slug: string,
  filter: Parameters<typeof listKeys>[1] = {},
) {
  const access = await authorizeTenant(actor, slug, "keys.read", "key.listed");
  return { ...access, ...(await listKeys(access.tenant.id, filter)) };
}

export async function getTenantKey(actor: Actor, slug: string, kid: string) {
  const access = await authorizeTenant(actor, slug, "keys.read", "key.viewed");
  const key = await getKeyOrThrow(await db(), access.tenant.id, kid);
  return { ...access, key };
}
