import { SignJWT } from "jose";
import { z } from "zod";
import type { Actor } from "../auth/actor";
import { authorizeTenant, type Tenant } from "../authz/authorize";
import { sharedMemo } from "../cache/memo";
import { findTenantBySlug } from "../db/tenants";
import { keyAlgorithms } from "../crypto/algorithms";
import { findSigningMaterial } from "../db/keys";
import { conflict } from "../errors";
import { parseLifetime } from "./lifetime";
import { signingKeyFor } from "./signing-keys";
import { countSignature } from "../usage/counting";

const reservedClaims = ["iss", "iat", "exp"] as const;

// Signing is the hot path: tenant rows and active-key lookups come from per-process caches
// that every tenant change empties (lib/cache/memo.ts), so steady state reads no database.
const tenantsBySlug = sharedMemo<Tenant | null>("tenants-by-slug");
const signingMaterial =
  sharedMemo<Awaited<ReturnType<typeof findSigningMaterial>>>("signing-material");
const cachedTenant = (slug: string) => tenantsBySlug.get(slug, () => findTenantBySlug(slug));

export const signInput = z.object({
  alg: z
    .enum(keyAlgorithms, { message: "alg must be one of the supported signing algorithms." })
    .refine((alg) => alg !== "A256GCM", {
      message: "A256GCM keys encrypt data and cannot sign; use an HS, RS, PS, ES or EdDSA key.",
    }),
  claims: z
    .record(z.string(), z.unknown(), { message: "claims must be a JSON object." })
    .refine((c) => reservedClaims.every((name) => !(name in c)), {
      message: "claims must not set iss, iat or exp; Keyward sets them.",
    })
    .default({}),
  expiresIn: z.union([z.string(), z.number()]).optional(),
});

export interface SignedToken {
  token: string;
  kid: string;
  alg: string;
  expiresAt: string;
  lifetimeCapped: boolean;
}

/** Signs with the slot's active key; a token never outlives the tenant's longest lifetime. */
export async function signToken(
  actor: Actor,
  slug: string,
  raw: unknown,
  now = new Date(),
): Promise<SignedToken> {
  const input = signInput.parse(raw);
  const { tenant } = await authorizeTenant(actor, slug, "keys.sign", "token.signed", cachedTenant);

  const requested =
    input.expiresIn === undefined ? tenant.maxTokenLifetimeSeconds : parseLifetime(input.expiresIn);
  const lifetime = Math.min(requested, tenant.maxTokenLifetimeSeconds);
  const key = await signingMaterial.get(`${tenant.id}:${input.alg}`, () =>
    findSigningMaterial(tenant.id, "sig", input.alg),
  );
  if (!key)
    throw conflict(`This tenant has no active ${input.alg} key. Generate or rotate one first.`);

  const iat = Math.floor(now.getTime() / 1000);
  const token = await new SignJWT(input.claims)
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: "JWT" })
    .setIssuer(tenant.issuer)
    .setIssuedAt(iat)
    .setExpirationTime(iat + lifetime)
    .sign(await signingKeyFor(tenant.id, key));

  // Counted after success only; counting is in memory and never delays the answer.
  countSignature(tenant.id, key.id);
  return {
    token,
    kid: key.kid,
    alg: key.alg,
    expiresAt: new Date((iat + lifetime) * 1000).toISOString(),
    lifetimeCapped: requested > lifetime,
  };
}
