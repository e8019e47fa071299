import "reflect-metadata";
import crypto, { X509Certificate } from "node:crypto";
import * as x509 from "@peculiar/x509";
import type { JWK } from "jose";
import { describe, expect, it } from "vitest";
import { toPem } from "@/lib/crypto/pem";
import { db } from "@/lib/db/client";
import { jwksCache } from "@/lib/jwks/cache";
import { attachCertificate, getKeyCertificate } from "@/lib/keys/certificates";
import { importKeys } from "@/lib/keys/import";
import { generateKey, revokeKey } from "@/lib/keys/service";
import { instanceAdmin, memberWithRole, outcome, seedTenant } from "../support/fixtures";

x509.cryptoProvider.set(crypto.webcrypto as Crypto);

async function published(slug: string) {
  const docs = await jwksCache().get(slug);
  return { docs: docs!, keys: JSON.parse(docs!.jwks.body.toString()).keys as JWK[] };
}

/** A CA and a leaf it issued for an EC P-256 public JWK, as an outside CA would. */
async function issuedChain(publicJwk: JWK) {
  const alg = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" };
  const ca = await crypto.webcrypto.subtle.generateKey(alg, true, ["sign", "verify"]);
  const caCert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: "0a",
    name: "CN=Outside CA",
    notBefore: new Date(Date.now() - 86_400_000),
    notAfter: new Date(Date.now() + 30 * 86_400_000),
    signingAlgorithm: alg,
    keys: ca,
    extensions: [new x509.BasicConstraintsExtension(true, 0, true)],
  });
  const { kty, crv, x, y } = publicJwk;
  const subjectKey = await crypto.webcrypto.subtle.importKey("jwk", { kty, crv, x, y }, alg, true, [
    "verify",
  ]);
  const leaf = await x509.X509CertificateGenerator.create({
    serialNumber: "0b",
    subject: "CN=service.example.test",
    issuer: caCert.subject,
    notBefore: new Date(Date.now() - 86_400_000),
    notAfter: new Date(Date.now() + 30 * 86_400_000),
    signingAlgorithm: alg,
    publicKey: subjectKey,
    signingKey: ca.privateKey,
  });
  return [Buffer.from(leaf.rawData), Buffer.from(caCert.rawData)];
}

describe("certificates on keys", () => {
  it.each(["RS256", "PS256", "ES256", "ES512", "EdDSA"] as const)(
    "%s: a self-signed certificate's x5c verifies against the key, and the JWKS carries it",
    async (alg) => {
      const admin = await instanceAdmin();
      const { slug } = await seedTenant(admin);
      const key = await generateKey(admin, slug, { alg });

      await attachCertificate(admin, slug, key.kid, {
        selfSigned: { subject: "CN=issuer.example.test", days: 30 },
      });

      const { keys, docs } = await published(slug);
      const jwk = keys.find((k) => k.kid === key.kid)!;
      expect(jwk.x5c).toHaveLength(1);
      const certificate = new X509Certificate(Buffer.from(jwk.x5c![0], "base64"));
      const publicKey = crypto.createPublicKey({ key: key.publicJwk as never, format: "jwk" });
      expect(certificate.verify(publicKey)).toBe(true);
      expect(certificate.publicKey.equals(publicKey)).toBe(true);
      expect(certificate.subject).toBe("CN=issuer.example.test");
      expect(jwk["x5t#S256"]).toBe(
        crypto.createHash("sha256").update(certificate.raw).digest("base64url"),
      );
      expect(jwk.x5u).toBe(
        `http://keyward.test/t/${slug}/keys/${encodeURIComponent(key.kid)}/certificate.pem`,
      );
      expect(docs.certificates.get(key.kid)?.body.toString()).toBe(
        toPem("CERTIFICATE", certificate.raw),
      );
    },
  );

  it("accepts an uploaded chain whose leaf is the key, also on a public-only key", async () => {
    const admin = await instanceAdmin();
    const { slug } = await seedTenant(admin);
    const ec = crypto.generateKeyPairSync("ec", { namedCurve: "P-256" });
    const { keys } = await importKeys(admin, slug, {
      pem: ec.publicKey.export({ type: "spki", format: "pem" }) as string,
    });
    const [leaf, ca] = await issuedChain(keys[0].publicJwk as JWK);

    await attachCertificate(admin, slug, keys[0].kid, {
      pem: toPem("CERTIFICATE", leaf) + toPem("CERTIFICATE", ca),
    });

    const jwk = (await published(slug)).keys[0];
    expect(jwk.x5c).toEqual([leaf.toString("base64"), ca.toString("base64")]);
    const view = await getKeyCertificate(admin, slug, keys[0].kid);
    expect(view).toMatchObject({
      subject: "CN=service.example.test",
      issuer: "CN=Outside CA",
      selfSigned: false,
    });
    const prisma = await db();
    const event = await prisma.auditEvent.findFirst({
      where: { action: "key.certificate_attached", targetId: keys[0].id },
    });
    expect(event?.details).toMatchObject({ source: "uploaded", chainLength: 2 });
  });

  it("refuses, with a clear status each, what cannot be certified", async () => {
    const admin = await instanceAdmin();
    const { slug } = await seedTenant(admin);
    const ec = await generateKey(admin, slug, { alg: "ES256" });
    const other = await generateKey(admin, slug, { alg: "ES256" });
    const hmac = await generateKey(admin, slug, { alg: "HS256" });
    const revoked = await generateKey(admin, slug, { alg: "ES384" });
    await revokeKey(admin, slug, revoked.kid, { reason: "superseded" });
    const publicOnly = (
      await importKeys(admin, slug, {
        jwk: crypto.generateKeyPairSync("ed25519").publicKey.export({ format: "jwk" }),
      })
    ).keys[0];
    const [otherLeaf] = await issuedChain(other.publicJwk as JWK);
    const viewer = await memberWithRole(admin, slug, "viewer");
    const selfSigned = { selfSigned: { subject: "CN=x.example.test", days: 30 } };

    // Thunks, run one at a time: each refusal is awaited before the next call starts.
    const cases: Record<string, () => Promise<unknown>> = {
      "another key's certificate": () =>
        attachCertificate(admin, slug, ec.kid, {
          pem: toPem("CERTIFICATE", otherLeaf),
        }),
      "a symmetric key": () => attachCertificate(admin, slug, hmac.kid, selfSigned),
      "a revoked key": () => attachCertificate(admin, slug, revoked.kid, selfSigned),
      "self-signing without a private half": () =>
        attachCertificate(admin, slug, publicOnly.kid, selfSigned),
      "a subject that is not a name": () =>
        attachCertificate(admin, slug, ec.kid, {
          selfSigned: { subject: "hello world", days: 30 },
        }),
      "an unknown key": () => attachCertificate(admin, slug, "nope", selfSigned),
      "a viewer": () => attachCertificate(viewer, slug, ec.kid, selfSigned),
    };
    const results: Record<string, string> = {};
    for (const [name, work] of Object.entries(cases)) results[name] = await outcome(work());

    expect(results).toEqual({
      "another key's certificate": "unprocessable",
      "a symmetric key": "unprocessable",
      "a revoked key": "conflict",
      "self-signing without a private half": "unprocessable",
      "a subject that is not a name": "unprocessable",
      "an unknown key": "not_found",
      "a viewer": "forbidden",
    });
    await expect(
      attachCertificate(admin, slug, ec.kid, { selfSigned: { subject: "CN=x", days: 99_999 } }),
    ).rejects.toThrow(/days must be at most 3650/);
    expect((await published(slug)).keys.every((k) => !k.x5c)).toBe(true);
  });
});
