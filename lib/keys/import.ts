import crypto from "node:crypto";
import { calculateJwkThumbprint, type JWK } from "jose";
import { z } from "zod";
import type { Actor } from "../auth/actor";
import { authorizeTenant } from "../authz/authorize";
import { parseJwk, parseJwks, type EntryOutcome, type ParsedKey } from "../crypto/import";
import { parsePem } from "../crypto/import-pem";
import { wrap } from "../crypto/kek";
import { keyring } from "../crypto/keyring";
import { findActiveKey, findKeyByKid, insertKey } from "../db/keys";
import { listTenantPublicJwks } from "../db/key-material";
import type { DbClient } from "../db/types";
import { conflict, isAppError, unprocessable, type AppError } from "../errors";
import { mutateTenant } from "../operations/mutate";

// Importing keys into a tenant. Each key is stored in its own audited transaction, so a
// JWKS import records one `key.imported` event per key and a refused entry never undoes
// the others. A public-only key (SPKI, public JWK) verifies but never signs: it is staged
// and can never become active.

const MAX_PEM_CHARS = 64 * 1024;

export const importInput = z
  .object({
    pem: z.string().max(MAX_PEM_CHARS, "A PEM key is at most 64 KiB.").optional(),
    jwk: z.record(z.string(), z.unknown(), { message: "jwk must be a JSON object." }).optional(),
    jwks: z.unknown().optional(),
    alg: z.string().max(32).optional(),
  })
  .refine((v) => [v.pem, v.jwk, v.jwks].filter((x) => x !== undefined).length === 1, {
    message: 'Send exactly one of "pem", "jwk" or "jwks".',
  });

export interface ImportWarning {
  /** Position in the JWKS `keys` array (0 for a single key). */
  entry: number;
  kid?: string;
  message: string;
}

export interface ImportResult<K> {
  keys: K[];
  warnings: ImportWarning[];
}

// LIMITATION: the same key under another kid is found by hashing every public JWK of the
// tenant on each import (~60 µs a key measured, ~0.6 s for 10,000 keys); secrets are not
// compared at all (that would mean unwrapping every one), so a secret can be imported twice.
async function sameKeyAs(tx: DbClient, tenantId: string, parsed: ParsedKey) {
  if (!parsed.thumbprint) return null;
  for (const row of await listTenantPublicJwks(tx, tenantId)) {
    const jwk = row.publicJwk as JWK;
    if ((await calculateJwkThumbprint(jwk, "sha256")) === parsed.thumbprint) return row.kid;
  }
  return null;
}

async function storeImportedKey(actor: Actor, slug: string, parsed: ParsedKey, source: string) {
  return mutateTenant(
    actor,
    slug,
    { permission: "keys.manage", action: "key.imported" },
    async ({ tx, tenant }) => {
      const existing = await sameKeyAs(tx, tenant.id, parsed);
      if (existing) throw conflict(`This key is already in the tenant as kid ${existing}.`);
      if (await findKeyByKid(tx, tenant.id, parsed.kid)) {
        throw conflict(`A key with kid ${parsed.kid} already exists in this tenant.`);
      }

      // The first key of a slot becomes active if it can sign; later ones are staged.
      const active = await findActiveKey(tx, tenant.id, parsed.use, parsed.alg);
      const activate = parsed.canSign && !active;
      const id = crypto.randomUUID();
      const ring = keyring();
      const plaintext = parsed.privateJwk ? Buffer.from(JSON.stringify(parsed.privateJwk)) : null;
      const ciphertext = plaintext ? wrap(ring.current, plaintext, tenant.id, id) : null;
      plaintext?.fill(0);

      const key = await insertKey(tx, {
        id,
        tenantId: tenant.id,
        kid: parsed.kid,
        kty: parsed.kty,
        alg: parsed.alg,
        use: parsed.use,
        state: activate ? "active" : "staged",
        ...(parsed.publicJwk ? { publicJwk: parsed.publicJwk as object } : {}),
        privateCiphertext: ciphertext ? new Uint8Array(ciphertext) : null,
        kekId: ciphertext ? ring.current.id : null,
        activatedAt: activate ? new Date() : null,
        origin: "imported",
        canSign: parsed.canSign,
        modulusLength: parsed.modulusLength,
        certificateChain: parsed.certificate?.chain ?? [],
        x5tS256: parsed.certificate?.x5tS256 ?? null,
      });
      return {
        result: key,
        audit: {
          targetType: "key",
          targetId: key.id,
          kid: key.kid,
          details: {
            alg: key.alg,
            state: key.state,
            source,
            format: parsed.format,
            canSign: parsed.canSign,
            ...(parsed.modulusLength ? { modulusLength: parsed.modulusLength } : {}),
            ...(parsed.certificate ? { x5tS256: parsed.certificate.x5tS256 } : {}),
          },
        },
        jwksChanged: parsed.publicJwk !== null,
      };
    },
  );
}

async function parseRequest(input: z.infer<typeof importInput>): Promise<EntryOutcome[]> {
  const options = { alg: input.alg };
  if (input.pem !== undefined) return [{ index: 0, key: await parsePem(input.pem, options) }];
  if (input.jwk !== undefined) return [{ index: 0, key: await parseJwk(input.jwk, options) }];
  return parseJwks(input.jwks, options);
}

/**
 * Imports a PEM key, a JWK, or every usable entry of a JWKS. A single key that is refused
 * fails the request (422, or 409 for a duplicate); JWKS entries are refused one by one
 * with a warning each, and the request fails only when no entry could be imported.
 */
export async function importKeys(actor: Actor, slug: string, raw: unknown) {
  const input = importInput.parse(raw);
  await authorizeTenant(actor, slug, "keys.manage", "key.imported");
  const source = input.pem !== undefined ? "pem" : input.jwk !== undefined ? "jwk" : "jwks";
  const outcomes = await parseRequest(input);

  const stored: Awaited<ReturnType<typeof storeImportedKey>>[] = [];
  const warnings: ImportWarning[] = [];
  for (const outcome of outcomes) {
    if ("refusal" in outcome) {
      warnings.push({ entry: outcome.index, message: outcome.refusal });
      continue;
    }
    const { key } = outcome;
    try {
      stored.push(await storeImportedKey(actor, slug, key, source));
      warnings.push(
        ...key.warnings.map((message) => ({ entry: outcome.index, kid: key.kid, message })),
      );
    } catch (error) {
      if (source !== "jwks" || !isAppError(error) || (error as AppError).code !== "conflict") {
        throw error;
      }
      warnings.push({ entry: outcome.index, kid: key.kid, message: (error as Error).message });
    }
  }

  if (stored.length === 0) {
    const fields = Object.fromEntries(warnings.map((w) => [`jwks.keys.${w.entry}`, w.message]));
    throw unprocessable(
      `None of the ${outcomes.length} keys in the JWKS could be imported.`,
      fields,
    );
  }
  return { keys: stored, warnings } satisfies ImportResult<(typeof stored)[number]>;
}
