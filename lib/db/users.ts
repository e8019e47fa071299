import { db } from "./client";
import type { DbClient } from "./types";

export async function countUsers(client?: DbClient) {
  return (client ?? (await db())).user.count();
}

/** Serializes start-up bootstrap across instances starting at once on one database. */
export async function lockBootstrap(tx: DbClient) {
  await tx.$executeRawUnsafe("SELECT pg_advisory_xact_lock(7270736902)");
}

export async function findUserById(id: string) {
  return (await db()).user.findUnique({ where: { id } });
}

export async function findUserByEmail(client: DbClient, email: string) {
  return client.user.findUnique({ where: { email: email.toLowerCase() } });
}

/** The sign-in path's read: the only query that selects a password hash. */
export async function findCredentials(email: string) {
  return (await db()).user.findUnique({
    where: { email: email.toLowerCase() },
    select: { id: true, email: true, name: true, isAdmin: true, passwordHash: true },
  });
}

export async function insertUser(
  client: DbClient,
  data: { email: string; name: string; passwordHash: string; isAdmin?: boolean },
) {
  return client.user.create({ data: { ...data, email: data.email.toLowerCase() } });
}

export async function updatePasswordHash(client: DbClient, userId: string, passwordHash: string) {
  return client.user.update({ where: { id: userId }, data: { passwordHash } });
}
