import type { Actor } from "../auth/actor";
import { actorIdentity } from "../auth/actor";
import { authorizeTenant, type TenantAccess } from "../authz/authorize";
import type { Permission } from "../authz/permissions";
import { appendAuditEvent } from "../db/audit-events";
import { db } from "../db/client";
import { lockTenant } from "../db/tenants";
import type { DbClient } from "../db/types";
import { tenantChanged } from "../cache/tenant-changes";
import { announceJwksChange } from "../jwks/changes";

export interface TenantRef {
  id: string;
  slug: string;
}

// Every tenant mutation runs through here: authorize, lock the tenant, change, append the
// audit event, notify — one transaction, so a change without its audit event cannot exist.

export interface AuditRecord {
  targetType: string;
  targetId: string | null;
  kid?: string | null;
  details?: Record<string, unknown>;
}

export interface ChangeContext extends TenantAccess {
  tx: DbClient;
  actor: Actor;
}

export interface ChangeOutcome<T> {
  result: T;
  audit: AuditRecord;
  /**
   * Kept for readability at call sites: every committed tenant mutation now announces a
   * tenant change (caches of settings, tokens and keys depend on more than the JWKS).
   */
  jwksChanged?: boolean;
}

export interface MutationSpec {
  permission: Permission;
  action: string;
}

export async function mutateTenant<T>(
  actor: Actor,
  slug: string,
  spec: MutationSpec,
  change: (ctx: ChangeContext) => Promise<ChangeOutcome<T>>,
): Promise<T> {
  const access = await authorizeTenant(actor, slug, spec.permission, spec.action);
  const { id, slug: tenantSlug } = access.tenant;
  return runAudited(actor, { id, slug: tenantSlug }, spec.action, (tx) =>
    change({ ...access, tx, actor }),
  );
}

/** The transactional core, for mutations authorized elsewhere (instance-level ones). */
export async function runAudited<T>(
  actor: Actor,
  scope: TenantRef | null,
  action: string,
  change: (tx: DbClient) => Promise<ChangeOutcome<T> & { tenant?: TenantRef }>,
): Promise<T> {
  const prisma = await db();
  const outcome = await prisma.$transaction(
    async (tx) => {
      if (scope) await lockTenant(tx, scope.id);
      const out = await change(tx);
      const tenant = scope ?? out.tenant ?? null;
      await appendAuditEvent(tx, {
        tenantId: tenant?.id ?? null,
        ...actorIdentity(actor),
        ip: actor.ip ?? null,
        action,
        outcome: "success",
        targetType: out.audit.targetType,
        targetId: out.audit.targetId,
        kid: out.audit.kid ?? null,
        details: out.audit.details ?? {},
      });
      if (tenant) await announceJwksChange(tx, tenant.slug);
      return { ...out, tenant };
    },
    { timeout: 30_000, maxWait: 30_000 },
  );
  if (outcome.tenant) tenantChanged(outcome.tenant.slug);
  return outcome.result;
}
