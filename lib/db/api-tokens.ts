import { db } from "./client";
import type { DbClient } from "./types";

export async function listApiTokens(tenantId: string) {
  return (await db()).apiToken.findMany({ where: { tenantId }, orderBy: { createdAt: "desc" } });
}

export async function insertApiToken(
  client: DbClient,
  data: {
    tenantId: string | null;
    name: string;
    prefix: string;
    tokenHash: string;
    scopes: string[];
  },
) {
  return client.apiToken.create({ data });
}

export async function findApiTokenByHash(tokenHash: string, client?: DbClient) {
  return (client ?? (await db())).apiToken.findUnique({ where: { tokenHash } });
}

export async function findApiToken(client: DbClient, tenantId: string, id: string) {
  return client.apiToken.findFirst({ where: { id, tenantId } });
}

export async function markApiTokenRevoked(client: DbClient, tenantId: string, id: string) {
  return client.apiToken.update({ where: { id, tenantId }, data: { revokedAt: new Date() } });
}

/** At most one write a minute per token, so authentication does not write per request. */
export async function touchApiToken(id: string, now = new Date()) {
  const threshold = new Date(now.getTime() - 60_000);
  await (
    await db()
  ).apiToken.updateMany({
    where: { id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: threshold } }] },
    data: { lastUsedAt: now },
  });
}

export async function findActiveApiTokenByName(client: DbClient, tenantId: string, name: string) {
  return client.apiToken.findFirst({ where: { tenantId, name, revokedAt: null } });
}
