import { db } from "./client";
import type { DbClient } from "./types";

// Keyward's own keys (audit checkpoints). Only `findSigningSystemKey` selects the wrapped
// private key; everything else reads public columns.

const publicColumns = {
  id: true,
  purpose: true,
  kid: true,
  alg: true,
  publicJwk: true,
  createdAt: true,
} as const;

export async function findSigningSystemKey(client: DbClient, purpose: string) {
  return client.systemKey.findFirst({
    where: { purpose },
    orderBy: { createdAt: "desc" },
    select: { ...publicColumns, privateCiphertext: true, kekId: true },
  });
}

export async function insertSystemKey(
  client: DbClient,
  data: {
    id: string;
    purpose: string;
    kid: string;
    alg: string;
    publicJwk: object;
    privateCiphertext: Uint8Array<ArrayBuffer>;
    kekId: string;
  },
) {
  return client.systemKey.create({ data, select: publicColumns });
}

export async function listSystemPublicKeys(purpose: string, client?: DbClient) {
  const prisma = client ?? (await db());
  return prisma.systemKey.findMany({
    where: { purpose },
    orderBy: { createdAt: "asc" },
    select: publicColumns,
  });
}
