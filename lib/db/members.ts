import type { Role } from "./generated/enums";
import { db } from "./client";
import type { DbClient } from "./types";

export async function listMembers(tenantId: string) {
  return (await db()).membership.findMany({
    where: { tenantId },
    include: { user: { select: { id: true, email: true, name: true } } },
    orderBy: { createdAt: "asc" },
  });
}

export async function findMember(client: DbClient, tenantId: string, userId: string) {
  return client.membership.findUnique({
    where: { tenantId_userId: { tenantId, userId } },
    include: { user: { select: { email: true } } },
  });
}

export async function insertMember(client: DbClient, tenantId: string, userId: string, role: Role) {
  return client.membership.create({ data: { tenantId, userId, role } });
}

export async function updateMemberRole(
  client: DbClient,
  tenantId: string,
  userId: string,
  role: Role,
) {
  return client.membership.update({
    where: { tenantId_userId: { tenantId, userId } },
    data: { role },
  });
}

export async function deleteMember(client: DbClient, tenantId: string, userId: string) {
  return client.membership.delete({ where: { tenantId_userId: { tenantId, userId } } });
}

export async function countAdmins(client: DbClient, tenantId: string) {
  return client.membership.count({ where: { tenantId, role: "admin" } });
}
