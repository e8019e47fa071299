import type { JWK } from "jose";
import { z } from "zod";
import type { Actor } from "../auth/actor";
import { authorizeTenant } from "../authz/authorize";
import { unwrap } from "../crypto/kek";
import { keyring } from "../crypto/keyring";
import { chainToPem } from "../crypto/pem";
import {
  createSelfSignedCertificate,
  describeCertificate,
  MAX_CERTIFICATE_DAYS,
  parseSubject,
  readCertificatePem,
  validateChain,
  type CertificateChain,
} from "../crypto/x509";
import { db } from "../db/client";
import { findKeyByKid } from "../db/keys";
import { findKeyWithMaterial, setKeyCertificate } from "../db/key-material";
import { env } from "../env";
import { conflict, notFound, unprocessable } from "../errors";
import { certificateUrlFor } from "../jwks/document";
import { mutateTenant } from "../operations/mutate";
import { getKeyOrThrow, KEY_NOT_FOUND } from "./lookup";

// Certificates attached to keys: self-signed by the key itself, or an uploaded chain whose
// leaf is the key's. The chain is published as x5c/x5t#S256 with an x5u pointing at
// Keyward's public copy. Self-signing is a signing operation: the private key is unwrapped
// here, used once as a non-extractable WebCrypto key, and dropped.

const MAX_CHAIN_PEM_CHARS = 128 * 1024;
const certifiable = ["staged", "active", "retired", "unpublished"];

export const certificateInput = z.union(
  [
    z.object({
      selfSigned: z.object({
        subject: z
          .string({ message: "subject is required, such as CN=api.example.com." })
          .trim()
          .min(3, "subject is required, such as CN=api.example.com.")
          .max(500, "subject is at most 500 characters."),
        days: z.coerce
          .number({ message: "days must be a whole number." })
          .int("days must be a whole number.")
          .min(1, "days must be at least 1.")
          .max(MAX_CERTIFICATE_DAYS, `days must be at most ${MAX_CERTIFICATE_DAYS}.`)
          .default(365),
      }),
    }),
    z.object({
      pem: z
        .string()
        .min(1, "Paste the certificate chain as PEM.")
        .max(MAX_CHAIN_PEM_CHARS, "A certificate chain is at most 128 KiB."),
    }),
  ],
  { message: 'Send { "selfSigned": { "subject", "days" } } or { "pem": "<chain>" }.' },
);

type KeyRow = NonNullable<Awaited<ReturnType<typeof findKeyByKid>>>;

function assertCertifiable(key: KeyRow) {
  if (key.kty === "oct") throw unprocessable("Symmetric keys have no public key to certify.");
  if (!certifiable.includes(key.state)) {
    throw conflict(`A ${key.state.replace("_", " ")} key cannot get a certificate.`);
  }
}

async function selfSign(tenantId: string, kid: string, subject: string, days: number) {
  const key = await findKeyWithMaterial(await db(), tenantId, kid);
  if (!key) throw notFound(KEY_NOT_FOUND);
  assertCertifiable(key);
  if (!key.canSign || !key.privateCiphertext) {
    throw unprocessable(
      "This key has no private half to sign its own certificate; upload a chain instead.",
    );
  }
  const kek = key.kekId ? keyring().byId.get(key.kekId) : undefined;
  if (!kek) throw new Error("The key-encryption key that wrapped this key is not configured.");
  const plaintext = unwrap(kek, Buffer.from(key.privateCiphertext), tenantId, key.id);
  const privateJwk = JSON.parse(plaintext.toString("utf8")) as JWK;
  plaintext.fill(0);
  return createSelfSignedCertificate({
    alg: key.alg,
    privateJwk,
    publicJwk: key.publicJwk as JWK,
    subject: await parseSubject(subject),
    days,
  });
}

/** Attaches (or replaces) a key's certificate; the JWKS then carries x5c, x5t#S256 and x5u. */
export async function attachCertificate(actor: Actor, slug: string, kid: string, raw: unknown) {
  const input = certificateInput.parse(raw);
  const { tenant } = await authorizeTenant(actor, slug, "keys.manage", "key.certificate_attached");

  let certificate: CertificateChain;
  if ("selfSigned" in input) {
    certificate = await selfSign(tenant.id, kid, input.selfSigned.subject, input.selfSigned.days);
  } else {
    const key = await getKeyOrThrow(await db(), tenant.id, kid);
    assertCertifiable(key);
    certificate = validateChain(readCertificatePem(input.pem), key.publicJwk as JWK);
  }

  return mutateTenant(
    actor,
    slug,
    { permission: "keys.manage", action: "key.certificate_attached" },
    async ({ tx, tenant: locked }) => {
      // Re-read under the tenant lock: the key may have been revoked meanwhile.
      const key = await getKeyOrThrow(tx, locked.id, kid);
      assertCertifiable(key);
      const updated = await setKeyCertificate(tx, locked.id, key.id, certificate);
      return {
        result: updated,
        audit: {
          targetType: "key",
          targetId: key.id,
          kid: key.kid,
          details: {
            source: "selfSigned" in input ? "self_signed" : "uploaded",
            chainLength: certificate.chain.length,
            x5tS256: certificate.x5tS256,
            previousX5tS256: key.x5tS256,
          },
        },
        jwksChanged: true,
      };
    },
  );
}

/** What the console and the API show about a key's certificate (all of it public). */
export function presentCertificate(
  slug: string,
  key: { kid: string; certificateChain: string[]; x5tS256: string | null },
) {
  if (key.certificateChain.length === 0) return null;
  return {
    ...describeCertificate(key.certificateChain[0]),
    x5c: key.certificateChain,
    x5tS256: key.x5tS256,
    url: certificateUrlFor(env().publicUrl, slug, key.kid),
    pem: chainToPem(key.certificateChain),
  };
}

export async function getKeyCertificate(actor: Actor, slug: string, kid: string) {
  const { tenant } = await authorizeTenant(actor, slug, "keys.read", "key.viewed");
  const key = await getKeyOrThrow(await db(), tenant.id, kid);
  return presentCertificate(tenant.slug, key);
}
