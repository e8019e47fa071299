import crypto from "node:crypto";
import { z } from "zod";
import type { Actor } from "../auth/actor";
import { authorizeTenant } from "../authz/authorize";
import { INSTANCE_ADMIN_SCOPE, scopes } from "../authz/permissions";
import {
  findApiToken,
  findActiveApiTokenByName,
  findApiTokenByHash,
  insertApiToken,
  listApiTokens,
  markApiTokenRevoked,
  touchApiToken,
} from "../db/api-tokens";
import type { DbClient } from "../db/types";
import { conflict, notFound } from "../errors";
import { sharedMemo } from "../cache/memo";
import { logger } from "../logger";
import { mutateTenant } from "../operations/mutate";

// Tokens are 32 random bytes behind a readable prefix; only their SHA-256 is stored (a
// high-entropy secret needs no slow hash), and the clear value is shown once.

const TOKEN_PREFIX = "kw_";

export const createTokenInput = z.object({
  name: z.string().trim().min(1, "Name the token after the service that uses it.").max(80),
  scopes: z.array(z.enum(scopes as [string, ...string[]])).min(1, "Choose at least one scope."),
});

export function hashToken(token: string) {
  return crypto.createHash("sha256").update(token).digest("hex");
}

export function newTokenValue() {
  return TOKEN_PREFIX + crypto.randomBytes(32).toString("base64url");
}

export async function storeToken(
  tx: DbClient,
  data: { tenantId: string | null; name: string; scopes: string[]; value?: string },
) {
  const value = data.value ?? newTokenValue();
  const row = await insertApiToken(tx, {
    tenantId: data.tenantId,
    name: data.name,
    scopes: data.scopes,
    prefix: value.slice(0, 10),
    tokenHash: hashToken(value),
  });
  return { row, value };
}

export async function createApiToken(
  actor: Actor,
  slug: string,
  raw: z.input<typeof createTokenInput>,
) {
  const input = createTokenInput.parse(raw);
  return mutateTenant(
    actor,
    slug,
    { permission: "tenant.manage", action: "api_token.created" },
    async ({ tx, tenant }) => {
      // Names identify tokens in the audit trail, so two live tokens never share one.
      if (await findActiveApiTokenByName(tx, tenant.id, input.name)) {
        throw conflict(`A token named "${input.name}" already exists. Choose another name.`);
      }
      const { row, value } = await storeToken(tx, {
        tenantId: tenant.id,
        name: input.name,
        scopes: input.scopes,
      });
      return {
        result: { id: row.id, name: row.name, scopes: row.scopes, token: value },
        audit: {
          targetType: "api_token",
          targetId: row.id,
          details: { name: row.name, scopes: row.scopes },
        },
      };
    },
  );
}

export async function revokeApiToken(actor: Actor, slug: string, tokenId: string) {
  const id = z.string().uuid().safeParse(tokenId);
  if (!id.success) throw notFound("API token not found.");
  return mutateTenant(
    actor,
    slug,
    { permission: "tenant.manage", action: "api_token.revoked" },
    async ({ tx, tenant }) => {
      const token = await findApiToken(tx, tenant.id, id.data);
      if (!token) throw notFound("API token not found.");
      if (token.revokedAt) throw conflict("This API token is already revoked.");
      await markApiTokenRevoked(tx, tenant.id, token.id);
      return {
        result: { id: token.id },
        audit: { targetType: "api_token", targetId: token.id, details: { name: token.name } },
      };
    },
  );
}

export async function listTenantApiTokens(actor: Actor, slug: string) {
  const access = await authorizeTenant(actor, slug, "tenant.manage", "api_token.listed");
  return { ...access, tokens: await listApiTokens(access.tenant.id) };
}

const tokensByHash = sharedMemo<Awaited<ReturnType<typeof findApiTokenByHash>>>("api-tokens");
const lastTouched = new Map<string, number>();
const TOUCH_EVERY_MS = 60_000;

/** Records last use at most once a minute per token and instance, off the request path. */
function noteUse(tokenId: string, now = Date.now()) {
  if (now - (lastTouched.get(tokenId) ?? 0) < TOUCH_EVERY_MS) return;
  lastTouched.set(tokenId, now);
  touchApiToken(tokenId).catch((error) =>
    logger.warn({ tokenId, err: (error as Error).message }, "could not record token use"),
  );
}

/**
 * Bearer value → token actor, or null for anything unknown or revoked. Lookups are cached
 * per process and dropped on every tenant change, which includes token revocation.
 */
export async function authenticateToken(value: string, ip: string | null): Promise<Actor | null> {
  if (!value.startsWith(TOKEN_PREFIX) && value.length < 32) return null;
  const tokenHash = hashToken(value);
  const token = await tokensByHash.get(tokenHash, () => findApiTokenByHash(tokenHash));
  if (!token || token.revokedAt) return null;
  noteUse(token.id);
  return {
    type: "token",
    tokenId: token.id,
    name: token.name,
    tenantId: token.tenantId,
    scopes: token.scopes,
    ip,
  };
}

export const isInstanceToken = (tokenScopes: string[]) =>
  tokenScopes.includes(INSTANCE_ADMIN_SCOPE);
