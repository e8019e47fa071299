import { Prisma } from "./generated/client";
import type { KeyState } from "./generated/enums";
import { db } from "./client";
import type { DbClient } from "./types";

export const publishedStates: KeyState[] = ["staged", "active", "retired"];

export interface KeyFilter {
  state?: KeyState;
  query?: string;
  page?: number;
  pageSize?: number;
}

export async function listKeys(tenantId: string, filter: KeyFilter = {}) {
  const prisma = await db();
  const pageSize = filter.pageSize ?? 500;
  const where = {
    tenantId,
    ...(filter.state ? { state: filter.state } : {}),
    ...(filter.query
      ? {
          OR: [
            { kid: { contains: filter.query } },
            { alg: { contains: filter.query, mode: "insensitive" } },
          ],
        }
      : {}),
  } satisfies Prisma.KeyWhereInput;
  const [keys, total] = await Promise.all([
    prisma.key.findMany({
      where,
      orderBy: [{ createdAt: "desc" }],
      skip: ((filter.page ?? 1) - 1) * pageSize,
      take: pageSize,
    }),
    prisma.key.count({ where }),
  ]);
  return { keys, total, pageSize };
}

export async function findKeyByKid(client: DbClient, tenantId: string, kid: string) {
  return client.key.findUnique({ where: { tenantId_kid: { tenantId, kid } } });
}

export async function findActiveKey(client: DbClient, tenantId: string, use: string, alg: string) {
  return client.key.findFirst({ where: { tenantId, use, alg, state: "active" } });
}

export async function findNewestStagedKey(
  client: DbClient,
  tenantId: string,
  use: string,
  alg: string,
) {
  // Public-only imports verify but never sign, so rotation never promotes one.
  return client.key.findFirst({
    where: { tenantId, use, alg, state: "staged", canSign: true },
    orderBy: { createdAt: "desc" },
  });
}

export async function insertKey(client: DbClient, data: Prisma.KeyUncheckedCreateInput) {
  return client.key.create({ data });
}

export async function updateKey(
  client: DbClient,
  tenantId: string,
  id: string,
  data: Prisma.KeyUncheckedUpdateInput,
) {
  return client.key.update({ where: { id, tenantId }, data });
}

/** The signing path's read: the only query that selects the wrapped private key. */
export async function findSigningMaterial(tenantId: string, use: string, alg: string) {
  const prisma = await db();
  return prisma.key.findFirst({
    where: { tenantId, use, alg, state: "active", canSign: true },
    select: { id: true, kid: true, alg: true, kty: true, privateCiphertext: true, kekId: true },
  });
}

export async function listPublishedKeys(tenantSlug: string) {
  const prisma = await db();
  return prisma.tenant.findUnique({
    where: { slug: tenantSlug },
    select: {
      id: true,
      slug: true,
      issuer: true,
      jwksMaxAgeSeconds: true,
      keys: {
        where: {
          state: { in: publishedStates },
          publicJwk: { not: Prisma.DbNull },
          kty: { not: "oct" },
        },
        select: {
          kid: true,
          publicJwk: true,
          state: true,
          alg: true,
          use: true,
          createdAt: true,
          certificateChain: true,
          x5tS256: true,
        },
        orderBy: { createdAt: "desc" },
      },
    },
  });
}

// ---- Lifecycle (rotation timing, policies, destruction) ----

/** The four settings rotation timing derives from, read inside the mutation's transaction. */
export async function findTenantTiming(client: DbClient, tenantId: string) {
  return client.tenant.findUniqueOrThrow({
    where: { id: tenantId },
    select: {
      verifierCacheSeconds: true,
      jwksMaxAgeSeconds: true,
      maxTokenLifetimeSeconds: true,
      clockSkewSeconds: true,
    },
  });
}

/** The staged key published longest that can sign: the one whose lead ends first. */
export async function findOldestSignableStagedKey(
  client: DbClient,
  tenantId: string,
  use: string,
  alg: string,
) {
  return client.key.findFirst({
    where: { tenantId, use, alg, state: "staged", canSign: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
}

/** The slot's keys that rotation acts on (staged, active, retired), oldest first. */
export async function listSlotKeys(client: DbClient, tenantId: string, use: string, alg: string) {
  return client.key.findMany({
    where: { tenantId, use, alg, state: { in: publishedStates } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
}

/** Approved destructions whose waiting period is over, across tenants (the scheduler's). */
export async function listDueDestructions(now: Date, limit = 100) {
  const prisma = await db();
  return prisma.key.findMany({
    where: {
      state: "destroy_scheduled",
      destroyApprovedAt: { not: null },
      destroyAfter: { lte: now },
    },
    select: { kid: true, tenant: { select: { slug: true } } },
    orderBy: { destroyAfter: "asc" },
    take: limit,
  });
}

/** The earliest approved destruction still waiting, for the scheduler's next wake-up. */
export async function findNextDestruction(now: Date) {
  const prisma = await db();
  return prisma.key.findFirst({
    where: {
      state: "destroy_scheduled",
      destroyApprovedAt: { not: null },
      destroyAfter: { gt: now },
    },
    select: { destroyAfter: true },
    orderBy: { destroyAfter: "asc" },
  });
}

/** Destruction: the wrapped private key is gone for good; public JWK and history stay. */
export async function wipeKeyMaterial(client: DbClient, tenantId: string, id: string, now: Date) {
  return client.key.update({
    where: { id, tenantId },
    data: { state: "destroyed", privateCiphertext: null, kekId: null, destroyedAt: now },
  });
}
