import { z } from "zod";
import { actorIdentity, systemActor, type Actor } from "../auth/actor";
import { authorizeTenant } from "../authz/authorize";
import { recordAuditEvent } from "../db/audit-events";
import { db } from "../db/client";
import { findKeyByKid, updateKey, wipeKeyMaterial } from "../db/keys";
import { conflict, forbidden } from "../errors";
import { mutateTenant } from "../operations/mutate";
import { StepNoLongerDue, unlessStale } from "../rotation/stale";
import { forgetSigningKey } from "./signing-keys";
import { assertTransition } from "./states";
import { getKeyOrThrow } from "./lookup";

// Destroying a key takes two people and a waiting period: one member schedules it (from
// unpublished or revoked), another approves, anyone allowed may cancel until the wait
// is over, and the scheduler then wipes the private material. The public JWK and the
// audit history stay, so tokens and events that name the kid can still be explained.

const DAY_MS = 86_400_000;

export const destroyInput = z.object({
  waitingDays: z.coerce
    .number({ message: "waitingDays must be a number of days." })
    .int("waitingDays must be a whole number of days.")
    .min(1, "The waiting period is 1 to 90 days.")
    .max(90, "The waiting period is 1 to 90 days.")
    .default(30),
});

/** Who asked, as stored on the key: stable across renames, comparable on approval. */
export function requesterKey(actor: Actor): string {
  const { actorType, actorId } = actorIdentity(actor);
  return `${actorType}:${actorId ?? ""}`;
}

export async function scheduleDestruction(
  actor: Actor,
  slug: string,
  kid: string,
  raw: z.input<typeof destroyInput>,
  now = new Date(),
) {
  const input = destroyInput.parse(raw ?? {});
  return mutateTenant(
    actor,
    slug,
    { permission: "keys.revoke", action: "key.destruction_scheduled" },
    async ({ tx, tenant }) => {
      const key = await getKeyOrThrow(tx, tenant.id, kid);
      assertTransition(key.state, "schedule_destruction");
      const destroyAfter = new Date(now.getTime() + input.waitingDays * DAY_MS);
      const scheduled = await updateKey(tx, tenant.id, key.id, {
        state: "destroy_scheduled",
        stateBeforeDestroy: key.state,
        destroyAfter,
        destroyRequestedBy: requesterKey(actor),
        destroyApprovedBy: null,
        destroyApprovedAt: null,
      });
      return {
        result: scheduled,
        audit: {
          targetType: "key",
          targetId: key.id,
          kid: key.kid,
          details: {
            previousState: key.state,
            waitingDays: input.waitingDays,
            destroyAfter: destroyAfter.toISOString(),
          },
        },
      };
    },
  );
}

const OWN_REQUEST = "A second member must approve: you requested this destruction yourself.";

export async function approveDestruction(
  actor: Actor,
  slug: string,
  kid: string,
  now = new Date(),
) {
  // The four-eyes rule is a denial like any other, so it is audited like one.
  const access = await authorizeTenant(
    actor,
    slug,
    "keys.approve_destruction",
    "key.destruction_approved",
  );
  const current = await findKeyByKid(await db(), access.tenant.id, kid);
  if (
    current?.state === "destroy_scheduled" &&
    current.destroyRequestedBy === requesterKey(actor)
  ) {
    await recordAuditEvent({
      tenantId: access.tenant.id,
      ...actorIdentity(actor),
      ip: actor.ip ?? null,
      action: "key.destruction_approved",
      outcome: "denied",
      targetType: "key",
      targetId: current.id,
      kid: current.kid,
      details: { rule: "second person" },
    });
    throw forbidden(OWN_REQUEST);
  }

  return mutateTenant(
    actor,
    slug,
    { permission: "keys.approve_destruction", action: "key.destruction_approved" },
    async ({ tx, tenant }) => {
      const key = await getKeyOrThrow(tx, tenant.id, kid);
      if (key.state !== "destroy_scheduled") {
        throw conflict(
          `Only a key scheduled for destruction can be approved. This key is ${key.state.replace("_", " ")}.`,
        );
      }
      if (key.destroyApprovedAt) throw conflict("This destruction is already approved.");
      if (key.destroyRequestedBy === requesterKey(actor)) throw forbidden(OWN_REQUEST);
      const approved = await updateKey(tx, tenant.id, key.id, {
        destroyApprovedBy: requesterKey(actor),
        destroyApprovedAt: now,
      });
      return {
        result: approved,
        audit: {
          targetType: "key",
          targetId: key.id,
          kid: key.kid,
          details: {
            destroyAfter: key.destroyAfter?.toISOString() ?? null,
            requestedBy: key.destroyRequestedBy,
          },
        },
      };
    },
  );
}

export async function cancelDestruction(actor: Actor, slug: string, kid: string) {
  return mutateTenant(
    actor,
    slug,
    { permission: "keys.revoke", action: "key.destruction_cancelled" },
    async ({ tx, tenant }) => {
      const key = await getKeyOrThrow(tx, tenant.id, kid);
      const restored = assertTransition(key.state, "cancel_destruction", key.stateBeforeDestroy);
      const cancelled = await updateKey(tx, tenant.id, key.id, {
        state: restored,
        stateBeforeDestroy: null,
        destroyAfter: null,
        destroyRequestedBy: null,
        destroyApprovedBy: null,
        destroyApprovedAt: null,
      });
      return {
        result: cancelled,
        audit: {
          targetType: "key",
          targetId: key.id,
          kid: key.kid,
          details: { restoredState: restored, wasApproved: Boolean(key.destroyApprovedAt) },
        },
      };
    },
  );
}

/**
 * The scheduler's half: wipes the private material of an approved destruction whose
 * waiting period is over. Null when, under the lock, it is no longer due.
 */
export async function destroyDueKey(slug: string, kid: string, now: Date) {
  const destroyed = await unlessStale(
    mutateTenant(
      systemActor,
      slug,
      { permission: "keys.revoke", action: "key.destroyed" },
      async ({ tx, tenant }) => {
        const key = await findKeyByKid(tx, tenant.id, kid);
        const due =
          key?.state === "destroy_scheduled" &&
          key.destroyApprovedAt !== null &&
          key.destroyAfter !== null &&
          key.destroyAfter <= now;
        if (!key || !due) throw new StepNoLongerDue();
        assertTransition(key.state, "destroy");
        const wiped = await wipeKeyMaterial(tx, tenant.id, key.id, now);
        return {
          result: wiped,
          audit: {
            targetType: "key",
            targetId: key.id,
            kid: key.kid,
            details: {
              previousState: key.stateBeforeDestroy,
              requestedBy: key.destroyRequestedBy,
              approvedBy: key.destroyApprovedBy,
            },
          },
        };
      },
    ),
  );
  if (destroyed) forgetSigningKey(destroyed.id);
  return destroyed;
}
