import type { Actor } from "../auth/actor";
import { actorIdentity } from "../auth/actor";
import { recordAuditEvent } from "../db/audit-events";
import { findMembershipRole, findTenantBySlug } from "../db/tenants";
import type { Role } from "../db/generated/enums";
import { forbidden, notFound } from "../errors";
import { logger } from "../logger";
import { INSTANCE_ADMIN_SCOPE, roleAllows, scopesAllow, type Permission } from "./permissions";

// The single authorization point. Server actions, route handlers and scripts all reach
// the domain through it. A tenant the actor does not belong to is reported exactly like
// a tenant that does not exist.

export const TENANT_NOT_FOUND = "Tenant not found.";

export type Tenant = NonNullable<Awaited<ReturnType<typeof findTenantBySlug>>>;

export interface TenantAccess {
  tenant: Tenant;
  /** The actor's role in the tenant; tokens have none. */
  role: Role | null;
}

type TenantLookup = (slug: string) => Promise<Tenant | null>;

async function resolveAccess(
  actor: Actor,
  slug: string,
  lookup: TenantLookup,
): Promise<TenantAccess> {
  const tenant = typeof slug === "string" && slug.length <= 64 ? await lookup(slug) : null;
  if (!tenant) throw notFound(TENANT_NOT_FOUND);

  if (actor.type === "user") {
    const role = actor.isAdmin ? "admin" : await findMembershipRole(tenant.id, actor.userId);
    if (!role) throw notFound(TENANT_NOT_FOUND);
    return { tenant, role };
  }
  if (actor.type === "token") {
    if (actor.tenantId !== null && actor.tenantId !== tenant.id) throw notFound(TENANT_NOT_FOUND);
    return { tenant, role: null };
  }
  return { tenant, role: "admin" };
}

function allows(actor: Actor, access: TenantAccess, permission: Permission): boolean {
  if (actor.type === "system") return true;
  if (actor.type === "token") return scopesAllow(actor.scopes, permission);
  return access.role !== null && roleAllows(access.role, permission);
}

async function recordDenial(
  actor: Actor,
  tenantId: string | null,
  permission: string,
  action: string,
) {
  try {
    await recordAuditEvent({
      tenantId,
      ...actorIdentity(actor),
      ip: actor.ip ?? null,
      action,
      outcome: "denied",
      targetType: tenantId ? "tenant" : null,
      targetId: tenantId,
      kid: null,
      details: { permission },
    });
  } catch (error) {
    logger.error({ err: (error as Error).message, action }, "could not record denied attempt");
  }
}

/** Resolves the tenant and checks the permission, or throws 404/403 (403s are audited). */
export async function authorizeTenant(
  actor: Actor,
  slug: string,
  permission: Permission,
  action: string,
  /** Hot read paths may pass a cached lookup; mutations always read the row. */
  lookup: TenantLookup = findTenantBySlug,
): Promise<TenantAccess> {
  const access = await resolveAccess(actor, slug, lookup);
  if (!allows(actor, access, permission)) {
    await recordDenial(actor, access.tenant.id, permission, action);
    throw forbidden();
  }
  return access;
}

/** Actions that are not about one tenant (creating tenants). */
export async function authorizeInstanceAdmin(actor: Actor, action: string): Promise<void> {
  const ok =
    actor.type === "system" ||
    (actor.type === "user" && actor.isAdmin) ||
    (actor.type === "token" && actor.scopes.includes(INSTANCE_ADMIN_SCOPE));
  if (!ok) {
    await recordDenial(actor, null, "instance.admin", action);
    throw forbidden("Only instance administrators can do this.");
  }
}

export function can(access: TenantAccess, permission: Permission): boolean {
  return access.role !== null && roleAllows(access.role, permission);
}
