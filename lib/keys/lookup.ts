import { findKeyByKid } from "../db/keys";
import type { DbClient } from "../db/types";
import { notFound } from "../errors";

export const KEY_NOT_FOUND = "Key not found.";

/** A tenant's key by kid; a missing key and another tenant's key get the same 404. */
export async function getKeyOrThrow(client: DbClient, tenantId: string, kid: string) {
  const key = await findKeyByKid(client, tenantId, kid);
  if (!key) throw notFound(KEY_NOT_FOUND);
  return key;
}
