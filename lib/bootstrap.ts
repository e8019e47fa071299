import { systemActor } from "./auth/actor";
import { generatePassword, hashPassword } from "./auth/passwords";
import { INSTANCE_ADMIN_SCOPE } from "./authz/permissions";
import { findApiTokenByHash } from "./db/api-tokens";
import { countUsers, insertUser, lockBootstrap } from "./db/users";
import { env } from "./env";
import { runAudited } from "./operations/mutate";
import { hashToken, storeToken } from "./tokens/service";

export interface FirstAdmin {
  email: string;
  /** Present only when generated: print it once, it is not stored in clear anywhere. */
  generatedPassword: string | null;
}

// Thrown inside the transaction when another instance bootstrapped first: rolls back quietly.
class AlreadyBootstrapped extends Error {}

async function onlyOnce<T>(work: () => Promise<T>): Promise<T | null> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AlreadyBootstrapped) return null;
    throw error;
  }
}

/** On an empty database, creates the first instance admin (once, even with racing instances). */
export async function ensureFirstAdmin(): Promise<FirstAdmin | null> {
  if ((await countUsers()) > 0) return null;
  const config = env();
  const email = (config.KEYWARD_ADMIN_EMAIL ?? "admin@keyward.local").toLowerCase();
  const generatedPassword = config.KEYWARD_ADMIN_PASSWORD ? null : generatePassword();
  const passwordHash = await hashPassword(config.KEYWARD_ADMIN_PASSWORD ?? generatedPassword!);

  const created = await onlyOnce(() =>
    runAudited(systemActor, null, "user.created", async (tx) => {
      await lockBootstrap(tx);
      if ((await countUsers(tx)) > 0) throw new AlreadyBootstrapped();
      const user = await insertUser(tx, {
        email,
        name: "Administrator",
        passwordHash,
        isAdmin: true,
      });
      return {
        result: user,
        audit: { targetType: "user", targetId: user.id, details: { email, isAdmin: true } },
      };
    }),
  );
  return created ? { email, generatedPassword } : null;
}

/** Stores KEYWARD_ADMIN_TOKEN (hashed) as an instance-wide admin token, once. */
export async function ensureAdminToken(): Promise<boolean> {
  const value = env().KEYWARD_ADMIN_TOKEN;
  if (!value || (await findApiTokenByHash(hashToken(value)))) return false;
  const stored = await onlyOnce(() =>
    runAudited(systemActor, null, "api_token.created", async (tx) => {
      await lockBootstrap(tx);
      if (await findApiTokenByHash(hashToken(value), tx)) throw new AlreadyBootstrapped();
      const { row } = await storeToken(tx, {
        tenantId: null,
        name: "bootstrap",
        scopes: [INSTANCE_ADMIN_SCOPE],
        value,
      });
      return {
        result: row,
        audit: {
          targetType: "api_token",
          targetId: row.id,
          details: { name: row.name, scopes: row.scopes },
        },
      };
    }),
  );
  return stored !== null;
}
