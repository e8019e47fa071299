import { z } from "zod";
import type { Actor } from "../auth/actor";
import { authorizeTenant } from "../authz/authorize";
import { listAuditEvents } from "../db/audit-events";
import { invalid } from "../errors";

export const auditPageInput = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z
    .string()
    .regex(/^\d{1,19}$/, "cursor must be a value returned as nextCursor.")
    .optional(),
  kid: z.string().max(128).optional(),
});

export function presentAuditEvent(event: Awaited<ReturnType<typeof listAuditEvents>>[number]) {
  return {
    id: event.id.toString(),
    createdAt: event.createdAt.toISOString(),
    actor: { type: event.actorType, id: event.actorId, label: event.actorLabel },
    action: event.action,
    outcome: event.outcome,
    target: event.targetType ? { type: event.targetType, id: event.targetId } : null,
    kid: event.kid,
    ip: event.ip,
    details: event.details,
    prevHash: event.prevHash,
    hash: event.hash,
  };
}

export type AuditEventView = ReturnType<typeof presentAuditEvent>;

/** Newest first, by keyset on id, so concurrent inserts never shift a page. */
export async function listTenantAudit(actor: Actor, slug: string, raw: Record<string, unknown>) {
  const parsed = auditPageInput.safeParse(raw);
  if (!parsed.success) throw invalid(parsed.error.issues[0].message);
  const { limit, cursor, kid } = parsed.data;
  const access = await authorizeTenant(actor, slug, "audit.read", "audit.listed");
  const rows = await listAuditEvents({
    tenantId: access.tenant.id,
    kid,
    before: cursor ? BigInt(cursor) : undefined,
    limit: limit + 1,
  });
  const page = rows.slice(0, limit).map(presentAuditEvent);
  return {
    ...access,
    events: page,
    nextCursor: rows.length > limit ? page[page.length - 1].id : null,
  };
}

/** The history of one key, for the key page (keys.read suffices: it is the key's own story). */
export async function listKeyHistory(actor: Actor, slug: string, kid: string) {
  const access = await authorizeTenant(actor, slug, "keys.read", "key.viewed");
  const rows = await listAuditEvents({ tenantId: access.tenant.id, kid, limit: 100 });
  return rows.map(presentAuditEvent);
}
