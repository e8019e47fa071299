import { z } from "zod";
import type { Actor } from "../auth/actor";
import { authorizeTenant } from "../authz/authorize";
import { signingAlgorithms } from "../crypto/algorithms";
import { listKeys } from "../db/keys";
import { deletePolicy, findPolicy, listPolicies, upsertPolicy } from "../db/policies";
import { notFound, unprocessable } from "../errors";
import { mutateTenant } from "../operations/mutate";
import { rotationDueAt } from "./timing";

// Rotation policies per signing slot: rotate every N days, keep a staged key ready,
// unpublish retired keys after the overlap. The scheduler (./scheduler.ts) carries them out.

// LIMITATION: policies cover the asymmetric signing algorithms Keyward generates (use "sig");
// HS secrets and imported-only slots rotate by hand. RSA slots keep the active key's size.
const USE = "sig";

const flag = (name: string) =>
  z
    .union([z.boolean(), z.enum(["on", "off", "true", "false"])], {
      message: `${name} must be true or false.`,
    })
    .transform((v) => v === true || v === "on" || v === "true");

export const policyInput = z.object({
  rotateEveryDays: z.coerce
    .number({ message: "Rotate every must be a number of days." })
    .int("Rotate every must be a whole number of days.")
    .min(1, "Rotate every 1 to 3650 days.")
    .max(3650, "Rotate every 1 to 3650 days."),
  keepStaged: flag("keepStaged").default(true),
  autoUnpublish: flag("autoUnpublish").default(true),
  enabled: flag("enabled").default(true),
});

const policyAlg = z.enum(signingAlgorithms, {
  message: "Policies exist for the signing algorithms Keyward generates.",
});

function parseAlg(alg: unknown) {
  const parsed = policyAlg.safeParse(alg);
  if (!parsed.success)
    throw unprocessable(parsed.error.issues[0].message, { alg: "Unknown algorithm." });
  return parsed.data;
}

type PolicyRow = NonNullable<Awaited<ReturnType<typeof findPolicy>>>;

export function presentPolicy(policy: PolicyRow, nextRotationAt: Date | null = null) {
  return {
    use: policy.use,
    alg: policy.alg,
    rotateEveryDays: policy.rotateEveryDays,
    keepStaged: policy.keepStaged,
    autoUnpublish: policy.autoUnpublish,
    enabled: policy.enabled,
    nextRotationAt: policy.enabled ? (nextRotationAt?.toISOString() ?? null) : null,
    createdAt: policy.createdAt.toISOString(),
    updatedAt: policy.updatedAt.toISOString(),
  };
}

export type PolicyView = ReturnType<typeof presentPolicy>;

export async function listTenantPolicies(actor: Actor, slug: string) {
  const access = await authorizeTenant(actor, slug, "keys.read", "policy.listed");
  const [policies, { keys }] = await Promise.all([
    listPolicies(access.tenant.id),
    listKeys(access.tenant.id, { state: "active" }),
  ]);
  const views = policies.map((policy) => {
    const active = keys.find((k) => k.use === policy.use && k.alg === policy.alg);
    return presentPolicy(policy, active ? rotationDueAt(active, policy.rotateEveryDays) : null);
  });
  return { ...access, policies: views };
}

export async function putPolicy(actor: Actor, slug: string, alg: unknown, raw: unknown) {
  const slotAlg = parseAlg(alg);
  const input = policyInput.parse(raw ?? {});
  return mutateTenant(
    actor,
    slug,
    { permission: "tenant.manage", action: "policy.updated" },
    async ({ tx, tenant }) => {
      const before = await findPolicy(tx, tenant.id, USE, slotAlg);
      const policy = await upsertPolicy(tx, tenant.id, USE, slotAlg, input);
      return {
        result: presentPolicy(policy),
        audit: {
          targetType: "policy",
          targetId: `${USE}:${slotAlg}`,
          details: {
            alg: slotAlg,
            created: !before,
            ...input,
          },
        },
      };
    },
  );
}

export async function removePolicy(actor: Actor, slug: string, alg: unknown) {
  const slotAlg = parseAlg(alg);
  return mutateTenant(
    actor,
    slug,
    { permission: "tenant.manage", action: "policy.deleted" },
    async ({ tx, tenant }) => {
      const before = await findPolicy(tx, tenant.id, USE, slotAlg);
      if (!before) throw notFound(`This tenant has no rotation policy for ${slotAlg}.`);
      await deletePolicy(tx, tenant.id, USE, slotAlg);
      return {
        result: presentPolicy(before),
        audit: {
          targetType: "policy",
          targetId: `${USE}:${slotAlg}`,
          details: { alg: slotAlg, rotateEveryDays: before.rotateEveryDays },
        },
      };
    },
  );
}
