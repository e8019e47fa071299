import { db } from "./client";
import type { DbClient } from "./types";

// Rotation policies: one row per slot (tenant, use, alg).

export interface PolicyValues {
  rotateEveryDays: number;
  keepStaged: boolean;
  autoUnpublish: boolean;
  enabled: boolean;
}

export async function listPolicies(tenantId: string) {
  const prisma = await db();
  return prisma.rotationPolicy.findMany({
    where: { tenantId },
    orderBy: [{ use: "asc" }, { alg: "asc" }],
  });
}

export async function findPolicy(client: DbClient, tenantId: string, use: string, alg: string) {
  return client.rotationPolicy.findUnique({
    where: { tenantId_use_alg: { tenantId, use, alg } },
  });
}

export async function upsertPolicy(
  tx: DbClient,
  tenantId: string,
  use: string,
  alg: string,
  values: PolicyValues,
) {
  return tx.rotationPolicy.upsert({
    where: { tenantId_use_alg: { tenantId, use, alg } },
    create: { tenantId, use, alg, ...values },
    update: { ...values, updatedAt: new Date() },
  });
}

export async function deletePolicy(tx: DbClient, tenantId: string, use: string, alg: string) {
  return tx.rotationPolicy.delete({ where: { tenantId_use_alg: { tenantId, use, alg } } });
}

/** Every enabled policy of every tenant: the scheduler's work list. */
export async function listEnabledPolicies() {
  const prisma = await db();
  return prisma.rotationPolicy.findMany({
    where: { enabled: true },
    select: { tenantId: true, use: true, alg: true, tenant: { select: { slug: true } } },
    orderBy: [{ tenantId: "asc" }, { use: "asc" }, { alg: "asc" }],
  });
}
