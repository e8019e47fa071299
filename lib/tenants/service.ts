import { z } from "zod";
import type { Actor } from "../auth/actor";
import { authorizeInstanceAdmin, authorizeTenant, type Tenant } from "../authz/authorize";
import { insertMember } from "../db/members";
import { insertTenant, listTenantsForUser, updateTenantSettings } from "../db/tenants";
import { env } from "../env";
import { conflict, isUniqueViolation } from "../errors";
import { mutateTenant, runAudited } from "../operations/mutate";

/** The iss claim and discovery issuer: an absolute http(s) URL, nothing else. */
function issuerUrl() {
  return z
    .string()
    .trim()
    .max(500, "The issuer must be at most 500 characters.")
    .url("The issuer must be a URL.")
    .refine((v) => /^https?:\/\//i.test(v), "The issuer must be an http:// or https:// URL.");
}

export const slugPattern = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export const createTenantInput = z.object({
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .regex(slugPattern, "Use 1–63 lowercase letters, digits and inner hyphens."),
  name: z.string().trim().min(1, "Give the tenant a name.").max(120),
  issuer: issuerUrl()
    .optional()
    .or(z.literal("").transform(() => undefined)),
});

const seconds = (min: number, max: number, label: string) =>
  z.coerce
    .number({ message: `${label} must be a number of seconds.` })
    .int(`${label} must be a whole number of seconds.`)
    .min(min, `${label} must be at least ${min} seconds.`)
    .max(max, `${label} must be at most ${max} seconds.`);

export const tenantSettingsInput = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, "Give the tenant a name.")
      .max(120, "Keep the name under 120 characters."),
    issuer: issuerUrl(),
    jwksMaxAgeSeconds: seconds(0, 86_400, "JWKS max-age"),
    verifierCacheSeconds: seconds(0, 86_400, "Verifier cache time"),
    maxTokenLifetimeSeconds: seconds(30, 30 * 86_400, "Longest token lifetime"),
    clockSkewSeconds: seconds(0, 600, "Clock skew"),
  })
  .partial();

export function defaultIssuer(slug: string) {
  return `${env().publicUrl}/t/${slug}`;
}

export async function createTenant(actor: Actor, raw: z.input<typeof createTenantInput>) {
  const input = createTenantInput.parse(raw);
  await authorizeInstanceAdmin(actor, "tenant.created");
  try {
    return await runAudited(actor, null, "tenant.created", async (tx) => {
      const tenant = await insertTenant(tx, {
        slug: input.slug,
        name: input.name,
        issuer: input.issuer ?? defaultIssuer(input.slug),
      });
      if (actor.type === "user") await insertMember(tx, tenant.id, actor.userId, "admin");
      return {
        result: tenant,
        tenant: { id: tenant.id, slug: tenant.slug },
        audit: {
          targetType: "tenant",
          targetId: tenant.id,
          details: { slug: tenant.slug, name: tenant.name },
        },
        jwksChanged: true,
      };
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw conflict(`A tenant with the slug "${input.slug}" already exists.`);
    throw error;
  }
}

/** Applies the settings that differ; returns the tenant and which settings changed. */
export async function updateTenant(
  actor: Actor,
  slug: string,
  raw: z.input<typeof tenantSettingsInput>,
) {
  const input = tenantSettingsInput.parse(raw);
  const differing = (tenant: Tenant) =>
    Object.fromEntries(
      Object.entries(input).filter(([name, value]) => tenant[name as keyof Tenant] !== value),
    );

  // Nothing to change is not a mutation: no transaction, no audit event.
  const { tenant: current } = await authorizeTenant(actor, slug, "tenant.manage", "tenant.updated");
  if (Object.keys(differing(current)).length === 0) return { tenant: current, changed: [] };

  return mutateTenant(
    actor,
    slug,
    { permission: "tenant.manage", action: "tenant.updated" },
    async ({ tx, tenant }) => {
      const changed = differing(tenant);
      const updated = await updateTenantSettings(tx, tenant.id, changed);
      return {
        result: { tenant: updated, changed: Object.keys(changed) },
        audit: { targetType: "tenant", targetId: tenant.id, details: { changed } },
        jwksChanged: true,
      };
    },
  );
}

export async function listVisibleTenants(actor: Actor) {
  if (actor.type !== "user") return [];
  return listTenantsForUser(actor.userId, actor.isAdmin);
}

export async function getTenant(actor: Actor, slug: string) {
  return authorizeTenant(actor, slug, "keys.read", "tenant.viewed");
}
