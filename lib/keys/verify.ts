import { decodeProtectedHeader, importJWK, jwtVerify, type CryptoKey, type JWK } from "jose";
import { z } from "zod";
import type { Actor } from "../auth/actor";
import { authorizeTenant } from "../authz/authorize";
import { findKeyByKid } from "../db/keys";
import { db } from "../db/client";
import { countVerification } from "../usage/counting";

// Verification through Keyward, so that verifications count against their key. Tokens with
// keys:read may verify (the design's matrix has no separate verify permission: verifying
// reveals nothing a JWKS reader could not compute). A failed check is an answer, not an
// error: 200 with { valid: false, code, reason }.

export const verifyInput = z.object({
  token: z
    .string({ message: "token must be a compact JWS string." })
    .min(1, "token must not be empty.")
    .max(16_384, "token is too long."),
});

export type VerifyFailureCode =
  "expired" | "not_yet_valid" | "unknown_kid" | "key_revoked" | "bad_signature" | "malformed";

export type VerifyResult =
  | { valid: true; kid: string; claims: Record<string, unknown> }
  | { valid: false; code: VerifyFailureCode; reason: string };

const fail = (code: VerifyFailureCode, reason: string): VerifyResult => ({
  valid: false,
  code,
  reason,
});

// Revoked and destroyed keys keep their public JWK for history; their tokens stop counting.
const refusedStates: Record<string, string> = {
  revoked: "The key that signed this token is revoked.",
  destroy_scheduled: "The key that signed this token is scheduled for destruction.",
  destroyed: "The key that signed this token is destroyed.",
};

// Public keys are parsed once per process (parsing is the expensive part of verifying).
const publicKeys = new Map<string, Promise<CryptoKey | Uint8Array>>();

function publicKeyFor(id: string, jwk: JWK, alg: string) {
  let entry = publicKeys.get(id);
  if (!entry) {
    if (publicKeys.size >= 1_000) publicKeys.clear();
    entry = importJWK(jwk, alg);
    entry.catch(() => publicKeys.delete(id));
    publicKeys.set(id, entry);
  }
  return entry;
}

function headerOf(token: string): { kid?: unknown; alg?: unknown } | null {
  try {
    return decodeProtectedHeader(token);
  } catch {
    return null;
  }
}

function classify(error: unknown): VerifyResult {
  const code = (error as { code?: string }).code;
  const claim = (error as { claim?: string }).claim;
  if (code === "ERR_JWT_EXPIRED") return fail("expired", "The token has expired (exp).");
  if (code === "ERR_JWT_CLAIM_VALIDATION_FAILED" && claim === "nbf") {
    return fail("not_yet_valid", "The token is not valid yet (nbf).");
  }
  if (code === "ERR_JWS_SIGNATURE_VERIFICATION_FAILED") {
    return fail("bad_signature", "The signature does not match the key.");
  }
  if (code === "ERR_JWT_CLAIM_VALIDATION_FAILED") {
    return fail("malformed", `The token's ${claim ?? "claims"} claim is not valid.`);
  }
  return fail("malformed", "The token is not a well-formed signed JWT.");
}

export async function verifyToken(
  actor: Actor,
  slug: string,
  raw: unknown,
  now = new Date(),
): Promise<VerifyResult> {
  const { token } = verifyInput.parse(raw);
  const { tenant } = await authorizeTenant(actor, slug, "keys.read", "token.verified");

  const header = headerOf(token);
  if (!header)
    return fail("malformed", "The token is not a compact JWS (header.payload.signature).");
  if (typeof header.kid !== "string" || header.kid.length === 0 || header.kid.length > 128) {
    return fail("malformed", "The token's header names no kid.");
  }
  const key = await findKeyByKid(await db(), tenant.id, header.kid);
  if (!key || !key.publicJwk || key.kty === "oct") {
    return fail("unknown_kid", "No key of this tenant has the token's kid.");
  }

  // Every verification that reaches a key counts as use of it, whatever the answer.
  countVerification(tenant.id, key.id);
  if (refusedStates[key.state]) return fail("key_revoked", refusedStates[key.state]);
  if (header.alg !== key.alg) {
    return fail("bad_signature", `The token's alg is not the key's algorithm (${key.alg}).`);
  }

  try {
    const publicKey = await publicKeyFor(key.id, key.publicJwk as JWK, key.alg);
    const { payload } = await jwtVerify(token, publicKey, {
      algorithms: [key.alg],
      clockTolerance: tenant.clockSkewSeconds,
      currentDate: now,
    });
    return { valid: true, kid: key.kid, claims: payload };
  } catch (error) {
    return classify(error);
  }
}
