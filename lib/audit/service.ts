import type { Actor } from "../auth/actor";
import { authorizeTenant } from "../authz/authorize";
import {
  countChainEvents,
  findAuditEvent,
  listAuditEvents,
  type AuditEventRow,
} from "../db/audit-events";
import { invalid, notFound } from "../errors";
import { canonicalize, chainHash } from "./canonical";
import { checkpointDocument, createCheckpoint, trustedAnchors } from "./checkpoints";
import { auditFilterInput, auditPageInput, rawFilters, type AuditFilterValues } from "./query";
import { verifyChain, type Anchor, type ChainVerdict } from "./verify";

export const AUDIT_EVENT_NOT_FOUND = "Audit event not found.";

export function presentAuditEvent(event: AuditEventRow) {
  return {
    id: event.id.toString(),
    createdAt: event.createdAt.toISOString(),
    tenantId: event.tenantId,
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

/** Parses the filter parameters; the first problem becomes a 400 with its message. */
export function parseAuditFilter(raw: Record<string, unknown>): AuditFilterValues {
  const parsed = auditFilterInput.safeParse(rawFilters(raw));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid(issue.message, { [String(issue.path[0] ?? "query")]: issue.message });
  }
  return parsed.data;
}

/** Newest first, by keyset on id, so concurrent inserts never shift a page. */
export async function listTenantAudit(actor: Actor, slug: string, raw: Record<string, unknown>) {
  const filter = parseAuditFilter(raw);
  const page = auditPageInput.safeParse(raw);
  if (!page.success) throw invalid(page.error.issues[0].message);
  const { limit, cursor } = page.data;
  const access = await authorizeTenant(actor, slug, "audit.read", "audit.listed");

  const rows = await listAuditEvents({
    ...filter,
    tenantId: access.tenant.id,
    before: cursor ? BigInt(cursor) : undefined,
    limit: limit + 1,
  });
  const events = rows.slice(0, limit).map(presentAuditEvent);
  return {
    ...access,
    filter,
    events,
    nextCursor: rows.length > limit ? events[events.length - 1].id : null,
  };
}

/** One event with what an auditor needs to recompute its hash by hand. */
export async function getTenantAuditEvent(actor: Actor, slug: string, rawId: string) {
  const access = await authorizeTenant(actor, slug, "audit.read", "audit.viewed");
  if (!/^\d{1,19}$/.test(rawId)) throw notFound(AUDIT_EVENT_NOT_FOUND);
  const row = await findAuditEvent(access.tenant.id, BigInt(rawId));
  if (!row) throw notFound(AUDIT_EVENT_NOT_FOUND);
  return {
    ...access,
    event: presentAuditEvent(row),
    canonical: canonicalize(row),
    hashMatches: chainHash(row.prevHash, row) === row.hash,
  };
}

/** The history of one key, for the key page (keys.read suffices: it is the key's own story). */
export async function listKeyHistory(actor: Actor, slug: string, kid: string) {
  const access = await authorizeTenant(actor, slug, "keys.read", "key.viewed");
  const rows = await listAuditEvents({ tenantId: access.tenant.id, kid, limit: 100 });
  return rows.map(presentAuditEvent);
}

/** The verdict as JSON: ids as strings, the head when the chain holds. */
export function presentVerdict(verdict: ChainVerdict & { total: number }) {
  if (!verdict.ok) {
    const { ok, checked, total, firstBrokenId, reason } = verdict;
    return { ok, checked, total, firstBrokenId, reason };
  }
  return {
    ok: verdict.ok,
    checked: verdict.checked,
    total: verdict.total,
    headId: verdict.head?.id.toString() ?? null,
    headHash: verdict.head?.hash ?? null,
  };
}

export type VerdictView = ReturnType<typeof presentVerdict>;

export type VerifyProgress = (progress: { checked: number; total: number }) => void;

/**
 * Verifies the whole chain for a tenant's auditor. The chain is global (one chain across
 * tenants), so a tenant's history is only proven complete by verifying every link: the
 * answer is the same for every tenant, and a broken event may belong to another one (its
 * id is named, nothing of its content).
 */
export async function verifyTenantAudit(
  actor: Actor,
  slug: string,
  onProgress?: VerifyProgress,
): Promise<ChainVerdict & { total: number }> {
  await authorizeTenant(actor, slug, "audit.read", "audit.verified");
  return verifyWholeChain(onProgress);
}

/** The same verification for the command line and the checkpoint timer. */
export async function verifyWholeChain(
  onProgress?: VerifyProgress,
  extraAnchors: Anchor[] = [],
): Promise<ChainVerdict & { total: number }> {
  const [total, { anchors, forged }] = await Promise.all([countChainEvents(), trustedAnchors()]);
  if (forged) {
    return {
      ok: false,
      checked: 0,
      total,
      firstBrokenId: forged.headId,
      reason: `checkpoint ${forged.id}, which names this event as the chain head, does not carry a valid signature`,
    };
  }
  onProgress?.({ checked: 0, total });
  const verdict = await verifyChain({
    anchors: [...anchors, ...extraAnchors],
    onProgress: (checked) => onProgress?.({ checked, total: Math.max(total, checked) }),
  });
  return { ...verdict, total: Math.max(total, verdict.checked) };
}

/** The signed chain head: the newest checkpoint, signing a new one if events came since. */
export async function getTenantCheckpoint(actor: Actor, slug: string) {
  await authorizeTenant(actor, slug, "audit.read", "audit.checkpoint_viewed");
  const checkpoint = await createCheckpoint({ wait: true });
  if (!checkpoint) throw notFound("The audit trail is empty; there is nothing to sign yet.");
  return checkpointDocument(checkpoint);
}
