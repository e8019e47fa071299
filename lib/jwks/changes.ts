import type { DbClient } from "../db/types";

// One channel for "a tenant changed": its keys, settings, members or tokens. Every
// instance drops what it caches for that tenant (lib/cache/tenant-changes.ts).
export const JWKS_CHANNEL = "keyward_jwks";

/** Inside the mutation's transaction: delivered to every instance when it commits. */
export async function announceJwksChange(tx: DbClient, slug: string) {
  await tx.$executeRawUnsafe(`SELECT pg_notify('${JWKS_CHANNEL}', $1)`, slug);
}
