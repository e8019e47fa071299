import type { Prisma } from "./generated/client";
import { chainHash, GENESIS_HASH, type ChainedFields } from "../audit/canonical";
import { db } from "./client";
import type { DbClient } from "./types";

// Appending takes a transaction-scoped advisory lock, so concurrent writers queue and the
// chain never forks; the lock is released at commit, in id order.
const AUDIT_CHAIN_LOCK = 7270736901;

export type NewAuditEvent = Omit<ChainedFields, "id" | "createdAt"> & { createdAt?: Date };

export async function appendAuditEvent(tx: DbClient, event: NewAuditEvent) {
  await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
  const [last] = await tx.$queryRawUnsafe<{ hash: string }[]>(
    `SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1`,
  );
  const [{ id }] = await tx.$queryRawUnsafe<{ id: bigint }[]>(
    `SELECT nextval(pg_get_serial_sequence('audit_events', 'id')) AS id`,
  );
  const createdAt = new Date(Math.floor((event.createdAt ?? new Date()).getTime()));
  const fields = { ...event, id, createdAt, details: event.details ?? {} } satisfies ChainedFields;
  const prevHash = last?.hash ?? GENESIS_HASH;

  return tx.auditEvent.create({
    data: {
      ...fields,
      details: fields.details as Prisma.InputJsonValue,
      prevHash,
      hash: chainHash(prevHash, fields),
    },
  });
}

/** For events that stand alone (sign-in, denied attempts): their own transaction. */
export async function recordAuditEvent(event: NewAuditEvent) {
  const prisma = await db();
  return prisma.$transaction((tx) => appendAuditEvent(tx, event));
}

export interface AuditPageQuery {
  tenantId: string;
  kid?: string;
  before?: bigint;
  limit: number;
}

export async function listAuditEvents(query: AuditPageQuery) {
  const prisma = await db();
  return prisma.auditEvent.findMany({
    where: {
      tenantId: query.tenantId,
      ...(query.kid ? { kid: query.kid } : {}),
      ...(query.before ? { id: { lt: query.before } } : {}),
    },
    orderBy: { id: "desc" },
    take: query.limit,
  });
}

export async function listChainBatch(afterId: bigint, limit: number) {
  const prisma = await db();
  return prisma.auditEvent.findMany({
    where: { id: { gt: afterId } },
    orderBy: { id: "asc" },
    take: limit,
  });
}
