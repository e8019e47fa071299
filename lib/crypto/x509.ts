import crypto, { X509Certificate, type KeyObject } from "node:crypto";
import type { JWK } from "jose";
import { unprocessable } from "../errors";
import { readPemBlocks } from "./pem";

// X.509 certificates attached to keys. Invariants: a chain is stored leaf first as standard
// base64 DER (RFC 7517 §4.7 x5c); the leaf's public key is the key's own; each certificate
// is issued and signed by the next one; x5t#S256 is the SHA-256 of the leaf's DER. Chains
// are parsed with node:crypto; @peculiar/x509 is loaded only to create self-signed ones.

export const MAX_CHAIN_LENGTH = 10;
export const MAX_CERTIFICATE_DAYS = 3650;

export interface CertificateChain {
  /** Standard base64 DER, leaf first. */
  chain: string[];
  x5tS256: string;
}

export interface CertificateSummary {
  subject: string;
  issuer: string;
  validFrom: string;
  validTo: string;
  serialNumber: string;
  selfSigned: boolean;
}

export function x5tS256Of(der: Buffer): string {
  return crypto.createHash("sha256").update(der).digest("base64url");
}

function readCertificate(der: Buffer, position: number): X509Certificate {
  try {
    return new X509Certificate(der);
  } catch {
    throw unprocessable(`Certificate ${position} could not be read as X.509.`);
  }
}

/** The CERTIFICATE blocks of a PEM chain, refusing anything else (a key pasted by mistake). */
export function readCertificatePem(text: string): Buffer[] {
  const blocks = readPemBlocks(text);
  if (blocks.length === 0) {
    throw unprocessable(
      "Paste the chain as PEM CERTIFICATE blocks, the key's own certificate first.",
    );
  }
  if (blocks.some((b) => b.label !== "CERTIFICATE")) {
    throw unprocessable(
      "A certificate chain may hold only CERTIFICATE blocks; never paste a key here.",
    );
  }
  return blocks.map((b) => b.der);
}

/** The public key as a KeyObject, from the key's public JWK. */
export function publicKeyObject(publicJwk: JWK): KeyObject {
  const { kty, n, e, crv, x, y } = publicJwk;
  return crypto.createPublicKey({ key: { kty, n, e, crv, x, y } as never, format: "jwk" });
}

// LIMITATION: a chain is checked for order, signatures and the leaf's key and expiry, not
// against trust anchors, revocation (CRL/OCSP) or key usage; verifiers that rely on x5c must
// do their own path validation. An attached certificate that later expires stays published.
/**
 * Checks a chain against the key it is for and returns it in stored form. Refuses, in one
 * sentence each: too long, unreadable, a leaf for another key, a broken issuer order, an
 * expired leaf.
 */
export function validateChain(ders: Buffer[], publicJwk: JWK, now = new Date()): CertificateChain {
  if (ders.length === 0) throw unprocessable("The certificate chain is empty.");
  if (ders.length > MAX_CHAIN_LENGTH) {
    throw unprocessable(
      `A chain holds at most ${MAX_CHAIN_LENGTH} certificates; this one has ${ders.length}.`,
    );
  }
  const certificates = ders.map((der, i) => readCertificate(der, i + 1));

  const leaf = certificates[0];
  if (!leaf.publicKey.equals(publicKeyObject(publicJwk))) {
    throw unprocessable(
      "The first certificate is for a different key; put this key's own certificate first.",
    );
  }
  for (let i = 0; i + 1 < certificates.length; i++) {
    const [child, issuer] = [certificates[i], certificates[i + 1]];
    if (!child.checkIssued(issuer) || !child.verify(issuer.publicKey)) {
      throw unprocessable(
        `Certificate ${i + 2} did not issue certificate ${i + 1}; list the leaf first, then each issuer.`,
      );
    }
  }
  const expires = new Date(leaf.validTo);
  if (expires.getTime() < now.getTime()) {
    throw unprocessable(`The key's certificate expired on ${expires.toISOString().slice(0, 10)}.`);
  }
  return { chain: ders.map((d) => d.toString("base64")), x5tS256: x5tS256Of(ders[0]) };
}

/** The x5c member of an imported JWK, decoded; standard base64 only (RFC 7517 §4.7). */
export function decodeX5c(x5c: unknown): Buffer[] {
  if (!Array.isArray(x5c) || x5c.length === 0 || x5c.some((c) => typeof c !== "string")) {
    throw unprocessable("x5c must be a non-empty array of base64 certificates.");
  }
  if (x5c.some((c: string) => !/^[A-Za-z0-9+/]+={0,2}$/.test(c))) {
    throw unprocessable("x5c entries must be standard base64 (not base64url) DER certificates.");
  }
  return x5c.map((c: string) => Buffer.from(c, "base64"));
}

export function describeCertificate(base64Der: string): CertificateSummary {
  const cert = new X509Certificate(Buffer.from(base64Der, "base64"));
  return {
    subject: cert.subject.replace(/\n/g, ", "),
    issuer: cert.issuer.replace(/\n/g, ", "),
    validFrom: new Date(cert.validFrom).toISOString(),
    validTo: new Date(cert.validTo).toISOString(),
    serialNumber: cert.serialNumber,
    // Not checkIssued: OpenSSL refuses a leaf whose key usage lacks keyCertSign as an issuer.
    selfSigned: cert.subject === cert.issuer && cert.verify(cert.publicKey),
  };
}

// ---- Self-signed certificates ----

const hashOf: Record<string, string> = { "256": "SHA-256", "384": "SHA-384", "512": "SHA-512" };
const curveOf: Record<string, string> = { ES256: "P-256", ES384: "P-384", ES512: "P-521" };

/** The WebCrypto algorithm that signs a certificate with a key of this JWS `alg`. */
export function webCryptoAlgorithm(alg: string) {
  const hash = hashOf[alg.slice(2)];
  if (alg === "EdDSA") return { name: "Ed25519" };
  if (alg.startsWith("RS")) return { name: "RSASSA-PKCS1-v1_5", hash };
  if (alg.startsWith("PS")) return { name: "RSA-PSS", hash, saltLength: Number(alg.slice(2)) / 8 };
  if (alg.startsWith("ES")) return { name: "ECDSA", namedCurve: curveOf[alg], hash };
  throw unprocessable(`${alg} keys cannot sign a certificate.`);
}

async function peculiar() {
  // tsyringe (inside @peculiar/x509) needs the Reflect metadata API before it loads.
  await import("reflect-metadata");
  const x509 = await import("@peculiar/x509");
  x509.cryptoProvider.set(crypto.webcrypto as Crypto);
  return x509;
}

/** Checks a distinguished name such as "CN=api.example.com, O=Acme" and normalizes it. */
export async function parseSubject(subject: string): Promise<string> {
  const x509 = await peculiar();
  try {
    const name = new x509.Name(subject);
    if (name.toJSON().length === 0) throw new Error("empty");
    return name.toString();
  } catch {
    throw unprocessable("subject must be a distinguished name such as CN=api.example.com.", {
      subject: "Use a distinguished name such as CN=api.example.com.",
    });
  }
}

function memberJwk(jwk: JWK, names: string[]): JsonWebKey {
  const out: Record<string, unknown> = {};
  for (const name of names)
    if (jwk[name as keyof JWK] !== undefined) out[name] = jwk[name as keyof JWK];
  return out as JsonWebKey;
}

/**
 * A self-signed leaf for the key: the private JWK (plaintext, from the unwrap in the
 * caller) is imported as a non-extractable WebCrypto key and used once.
 */
export async function createSelfSignedCertificate(params: {
  alg: string;
  privateJwk: JWK;
  publicJwk: JWK;
  subject: string;
  days: number;
  now?: Date;
}): Promise<CertificateChain> {
  const x509 = await peculiar();
  const algorithm = webCryptoAlgorithm(params.alg);
  const subtle = crypto.webcrypto.subtle;
  const publicMembers = ["kty", "crv", "x", "y", "n", "e"];
  const privateMembers = [...publicMembers, "d", "p", "q", "dp", "dq", "qi"];
  const privateKey = await subtle.importKey(
    "jwk",
    memberJwk(params.privateJwk, privateMembers),
    algorithm,
    false,
    ["sign"],
  );
  const publicKey = await subtle.importKey(
    "jwk",
    memberJwk(params.publicJwk, publicMembers),
    algorithm,
    true,
    ["verify"],
  );
  const now = params.now ?? new Date();
  const serial = crypto.randomBytes(16);
  serial[0] &= 0x7f; // a positive INTEGER (RFC 5280 §4.1.2.2)

  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial.toString("hex"),
    name: params.subject,
    notBefore: now,
    notAfter: new Date(now.getTime() + params.days * 86_400_000),
    signingAlgorithm: algorithm,
    keys: { privateKey, publicKey },
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      await x509.SubjectKeyIdentifierExtension.create(publicKey),
    ],
  });
  const der = Buffer.from(certificate.rawData);
  return { chain: [der.toString("base64")], x5tS256: x5tS256Of(der) };
}
