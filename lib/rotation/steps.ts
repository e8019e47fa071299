import { systemActor } from "../auth/actor";
import { isSigningAlgorithm } from "../crypto/algorithms";
import type { GeneratedKey } from "../crypto/generate";
import { db } from "../db/client";
import { findKeyByKid, findTenantTiming, listSlotKeys } from "../db/keys";
import { findPolicy } from "../db/policies";
import type { DbClient } from "../db/types";
import {
  generateForSlot,
  promoteKey,
  storeStagedKey,
  unpublishRetiredKey,
} from "../keys/lifecycle";
import { mutateTenant, type ChangeOutcome } from "../operations/mutate";
import { planSlot, sameStep, type SlotPlan, type SlotStep } from "./plan";
import { StepNoLongerDue, unlessStale } from "./stale";

// One policy step, in its own transaction, as the system actor. The step runs only if,
// under the tenant lock, a fresh plan still starts with it.

export interface PolicySlot {
  tenantId: string;
  slug: string;
  use: string;
  alg: string;
}

const actions: Record<SlotStep["kind"], string> = {
  promote: "key.rotated",
  stage: "key.created",
  unpublish: "key.unpublished",
};

/** The slot's plan at `now` from the database as `client` sees it; null without a policy. */
export async function planPolicySlot(
  client: DbClient,
  slot: PolicySlot,
  now: Date,
): Promise<(SlotPlan & { rotateEveryDays: number }) | null> {
  const policy = await findPolicy(client, slot.tenantId, slot.use, slot.alg);
  if (!policy || !policy.enabled) return null;
  const [keys, settings] = await Promise.all([
    listSlotKeys(client, slot.tenantId, slot.use, slot.alg),
    findTenantTiming(client, slot.tenantId),
  ]);
  return { ...planSlot(policy, keys, settings, now), rotateEveryDays: policy.rotateEveryDays };
}

/** Carries out `step` if it is still the slot's first step; null when it no longer is. */
export async function runPolicyStep(slot: PolicySlot, step: SlotStep, now: Date) {
  if (!isSigningAlgorithm(slot.alg)) return null;
  const alg = slot.alg;
  // Key generation (slow for RSA) happens before the tenant lock is taken.
  let fresh: { material: GeneratedKey; modulusLength: number | null } | null = null;
  if (step.kind === "stage") {
    const prisma = await db();
    const keys = await listSlotKeys(prisma, slot.tenantId, slot.use, alg);
    fresh = await generateForSlot(
      alg,
      keys.find((k) => k.state === "active"),
    );
  }

  return unlessStale(
    mutateTenant(
      systemActor,
      slot.slug,
      { permission: "keys.manage", action: actions[step.kind] },
      async ({ tx, tenant }): Promise<ChangeOutcome<SlotStep>> => {
        const plan = await planPolicySlot(tx, { ...slot, tenantId: tenant.id }, now);
        if (!plan || !plan.steps[0] || !sameStep(plan.steps[0], step)) throw new StepNoLongerDue();
        const settings = await findTenantTiming(tx, tenant.id);
        const policy = { rotateEveryDays: plan.rotateEveryDays, scheduled: true };

        if (step.kind === "stage") {
          const key = await storeStagedKey(
            tx,
            tenant.id,
            fresh!.material,
            now,
            fresh!.modulusLength,
          );
          return {
            result: step,
            audit: {
              targetType: "key",
              targetId: key.id,
              kid: key.kid,
              details: { alg, state: key.state, policy },
            },
            jwksChanged: true,
          };
        }

        const key = await findKeyByKid(tx, tenant.id, step.kid);
        if (!key) throw new StepNoLongerDue();
        if (step.kind === "promote") {
          const { active, retired } = await promoteKey(tx, tenant.id, key, settings, now, false);
          return {
            result: step,
            audit: {
              targetType: "key",
              targetId: active.id,
              kid: active.kid,
              details: { alg, retiredKid: retired?.kid ?? null, emergency: false, policy },
            },
            jwksChanged: true,
          };
        }
        await unpublishRetiredKey(tx, tenant.id, key, settings, now);
        return {
          result: step,
          audit: {
            targetType: "key",
            targetId: key.id,
            kid: key.kid,
            details: { alg, retiredAt: key.retiredAt?.toISOString() ?? null, policy },
          },
          jwksChanged: true,
        };
      },
    ),
  );
}
