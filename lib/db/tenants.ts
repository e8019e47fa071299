import { db } from "./client";
import type { DbClient } from "./types";
import type { Role } from "./generated/enums";

export async function findTenantBySlug(slug: string) {
  const prisma = await db();
  return prisma.tenant.findUnique({ where: { slug } });
}

export async function findMembershipRole(tenantId: string, userId: string): Promise<Role | null> {
  const prisma = await db();
  const row = await prisma.membership.findUnique({
    where: { tenantId_userId: { tenantId, userId } },
    select: { role: true },
  });
  return row?.role ?? null;
}

/** Serializes mutations of one tenant: the row lock is held until the transaction ends. */
export async function lockTenant(tx: DbClient, tenantId: string) {
  await tx.$queryRawUnsafe(`SELECT id FROM tenants WHERE id = $1::uuid FOR UPDATE`, tenantId);
}

export async function listTenantsForUser(userId: string, isAdmin: boolean) {
  const prisma = await db();
  return prisma.tenant.findMany({
    where: isAdmin ? {} : { memberships: { some: { userId } } },
    orderBy: { slug: "asc" },
    include: {
      _count: { select: { keys: { where: { state: { in: ["staged", "active", "retired"] } } } } },
      memberships: { where: { userId }, select: { role: true } },
    },
  });
}

export async function insertTenant(
  tx: DbClient,
  data: { slug: string; name: string; issuer: string },
) {
  return tx.tenant.create({ data });
}

export async function updateTenantSettings(
  tx: DbClient,
  tenantId: string,
  data: Partial<{
    name: string;
    issuer: string;
    jwksMaxAgeSeconds: number;
    verifierCacheSeconds: number;
    maxTokenLifetimeSeconds: number;
    clockSkewSeconds: number;
  }>,
) {
  return tx.tenant.update({ where: { id: tenantId }, data });
}
