import "reflect-metadata";
import crypto, { X509Certificate } from "node:crypto";
import * as x509 from "@peculiar/x509";
import { describe, expect, it } from "vitest";
import type { SigningAlgorithm } from "./algorithms";
import { generateSigningKey } from "./generate";
import { toPem } from "./pem";
import {
  createSelfSignedCertificate,
  describeCertificate,
  parseSubject,
  readCertificatePem,
  validateChain,
  webCryptoAlgorithm,
} from "./x509";

x509.cryptoProvider.set(crypto.webcrypto as Crypto);
const day = 86_400_000;

/** A CA and a leaf it issued for `key`, made the way an outside CA would. */
async function issuedChain(key: Awaited<ReturnType<typeof generateSigningKey>>, days = 30) {
  const alg = webCryptoAlgorithm("ES256");
  const ca = await crypto.webcrypto.subtle.generateKey(alg as EcKeyGenParams, true, [
    "sign",
    "verify",
  ]);
  const caCert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: "01",
    name: "CN=Test CA",
    notBefore: new Date(Date.now() - 2 * day),
    notAfter: new Date(Date.now() + days * day),
    signingAlgorithm: alg,
    keys: ca,
    extensions: [new x509.BasicConstraintsExtension(true, 0, true)],
  });
  const { kty, crv, x, y } = key.publicJwk;
  const leafKey = await crypto.webcrypto.subtle.importKey(
    "jwk",
    { kty, crv, x, y },
    alg as EcKeyImportParams,
    true,
    ["verify"],
  );
  const leaf = await x509.X509CertificateGenerator.create({
    serialNumber: "02",
    subject: "CN=api.example.test",
    issuer: caCert.subject,
    notBefore: new Date(Date.now() - day),
    notAfter: new Date(Date.now() + days * day),
    signingAlgorithm: alg,
    publicKey: leafKey,
    signingKey: ca.privateKey,
  });
  return [Buffer.from(leaf.rawData), Buffer.from(caCert.rawData)];
}

describe("self-signed certificates", () => {
  it.each(["RS256", "PS384", "ES256", "ES384", "ES512", "EdDSA"] as SigningAlgorithm[])(
    "%s: the certificate carries the key and verifies with it",
    async (alg) => {
      const key = await generateSigningKey(alg);
      const now = new Date("2026-12-01T00:00:00Z");

      const { chain, x5tS256 } = await createSelfSignedCertificate({
        alg,
        privateJwk: key.privateJwk,
        publicJwk: key.publicJwk,
        subject: "CN=api.example.test",
        days: 90,
        now,
      });

      const der = Buffer.from(chain[0], "base64");
      const cert = new X509Certificate(der);
      const publicKey = crypto.createPublicKey({ key: key.publicJwk as never, format: "jwk" });
      expect(cert.verify(publicKey)).toBe(true);
      expect(cert.publicKey.equals(publicKey)).toBe(true);
      expect(cert.subject).toBe("CN=api.example.test");
      expect(new Date(cert.validTo).getTime() - new Date(cert.validFrom).getTime()).toBe(90 * day);
      expect(x5tS256).toBe(crypto.createHash("sha256").update(der).digest("base64url"));
      expect(describeCertificate(chain[0]).selfSigned).toBe(true);
      expect(validateChain([der], key.publicJwk, now).x5tS256).toBe(x5tS256);
    },
  );

  it("accepts a distinguished name and refuses text that is not one", async () => {
    await expect(parseSubject("CN=api.example.test, O=Acme")).resolves.toContain("CN=api");
    await expect(parseSubject("just words")).rejects.toThrow(/distinguished name/);
  });
});

describe("uploaded chains", () => {
  it("accepts a CA-issued chain, leaf first, and refuses it in the wrong order", async () => {
    const key = await generateSigningKey("ES256");
    const [leaf, ca] = await issuedChain(key);
    const pem = toPem("CERTIFICATE", leaf) + toPem("CERTIFICATE", ca);

    const stored = validateChain(readCertificatePem(pem), key.publicJwk);

    expect(stored.chain).toEqual([leaf.toString("base64"), ca.toString("base64")]);
    expect(() => validateChain([ca, leaf], key.publicJwk)).toThrow(
      "The first certificate is for a different key; put this key's own certificate first.",
    );
  });

  it.each([
    ["a leaf for another key", "The first certificate is for a different key"],
    ["a gap in the chain", "Certificate 2 did not issue certificate 1"],
    ["an expired leaf", "The key's certificate expired on"],
    ["a key pasted as a chain", "A certificate chain may hold only CERTIFICATE blocks"],
    ["no certificate at all", "Paste the chain as PEM CERTIFICATE blocks"],
    ["eleven certificates", "A chain holds at most 10 certificates; this one has 11."],
  ])("refuses %s", async (name, message) => {
    const key = await generateSigningKey("ES256");
    const other = await generateSigningKey("ES256");
    const [leaf] = await issuedChain(key);
    const [, unrelatedCa] = await issuedChain(other);
    const work: Record<string, () => unknown> = {
      "a leaf for another key": () => validateChain([leaf], other.publicJwk),
      "a gap in the chain": () => validateChain([leaf, unrelatedCa], key.publicJwk),
      "an expired leaf": () =>
        validateChain([leaf], key.publicJwk, new Date(Date.now() + 90 * day)),
      "a key pasted as a chain": () =>
        readCertificatePem(toPem("CERTIFICATE", leaf) + toPem("PRIVATE KEY", Buffer.from("x"))),
      "no certificate at all": () => readCertificatePem("nothing here"),
      "eleven certificates": () => validateChain(Array(11).fill(leaf), key.publicJwk),
    };
    expect(work[name]).toThrow(message);
  });
});
