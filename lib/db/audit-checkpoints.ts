import { db } from "./client";
import type { DbClient } from "./types";

// Signed heads of the (global) audit chain. The JWS is the record; the other columns
// repeat its payload for lookups and are never trusted without checking the signature.

export async function findLatestCheckpoint(client?: DbClient) {
  const prisma = client ?? (await db());
  return prisma.auditCheckpoint.findFirst({ orderBy: [{ headId: "desc" }, { id: "desc" }] });
}

export async function listCheckpoints(client?: DbClient) {
  const prisma = client ?? (await db());
  return prisma.auditCheckpoint.findMany({ orderBy: { id: "asc" } });
}

export async function insertCheckpoint(
  client: DbClient,
  data: {
    headId: bigint;
    headHash: string;
    count: bigint;
    kid: string;
    jws: string;
    createdAt: Date;
  },
) {
  return client.auditCheckpoint.create({ data });
}

/** Transaction-scoped lock that makes one checkpoint at a time across all instances. */
export async function lockCheckpoints(tx: DbClient, wait: boolean): Promise<boolean> {
  if (wait) {
    await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${CHECKPOINT_LOCK})`);
    return true;
  }
  const [row] = await tx.$queryRawUnsafe<{ locked: boolean }[]>(
    `SELECT pg_try_advisory_xact_lock(${CHECKPOINT_LOCK}) AS locked`,
  );
  return row.locked;
}

const CHECKPOINT_LOCK = 7270736902;
