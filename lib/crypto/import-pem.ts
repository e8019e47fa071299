import crypto, { type KeyObject } from "node:crypto";
import { unprocessable } from "../errors";
import { naming, parseJwk, type ImportFormat, type JwkOptions, type ParsedKey } from "./import";
import { readPemBlocks } from "./pem";

// PEM keys brought from elsewhere: one block, read by node:crypto, then validated exactly
// like a JWK (lib/crypto/import.ts). Encrypted keys, certificates and key types Keyward
// cannot sign with are refused before any key material is interpreted.

const pemTypes: Record<string, { format: ImportFormat; private: boolean; type: string }> = {
  "PRIVATE KEY": { format: "pkcs8", private: true, type: "pkcs8" },
  "RSA PRIVATE KEY": { format: "pkcs1", private: true, type: "pkcs1" },
  "EC PRIVATE KEY": { format: "sec1", private: true, type: "sec1" },
  "PUBLIC KEY": { format: "spki", private: false, type: "spki" },
  "RSA PUBLIC KEY": { format: "pkcs1", private: false, type: "pkcs1" },
};

function keyObjectToJwk(key: KeyObject): Record<string, unknown> {
  const type = key.asymmetricKeyType;
  if (type === "rsa-pss") {
    throw unprocessable("RSA-PSS-restricted keys are not supported; export it as a plain RSA key.");
  }
  if (type === "x25519" || type === "x448") {
    throw unprocessable(
      `${type.toUpperCase()} keys agree on secrets and cannot sign; use an Ed25519 key.`,
    );
  }
  if (type === "ed448") {
    throw unprocessable("Curve Ed448 is not supported; use P-256, P-384, P-521 or Ed25519.");
  }
  if (type === "ec") {
    const curve = key.asymmetricKeyDetails?.namedCurve;
    if (!["prime256v1", "secp384r1", "secp521r1"].includes(curve ?? "")) {
      throw unprocessable(
        naming(curve, (n) => `Curve ${n}`, "This curve") +
          " is not supported; use P-256, P-384, P-521 or Ed25519.",
      );
    }
  }
  if (type !== "rsa" && type !== "ec" && type !== "ed25519") {
    throw unprocessable(
      naming(type?.toUpperCase(), (n) => `${n} keys`, "Keys of this type") +
        " are not supported; use RSA, EC or Ed25519.",
    );
  }
  return key.export({ format: "jwk" }) as Record<string, unknown>;
}

/** One PEM key: PKCS#8, PKCS#1 (private or public), SEC1, or SPKI (public only). */
export async function parsePem(text: string, options: JwkOptions = {}): Promise<ParsedKey> {
  const blocks = readPemBlocks(text);
  if (blocks.length === 0) {
    throw unprocessable("This is not a PEM key; it needs a -----BEGIN … KEY----- block.");
  }
  if (blocks.length > 1) {
    throw unprocessable("Paste exactly one PEM key; import several keys as a JWKS.");
  }
  const [block] = blocks;
  if (block.label === "ENCRYPTED PRIVATE KEY" || block.hasHeaders) {
    throw unprocessable(
      "Encrypted private keys are not accepted; export the key without a passphrase.",
    );
  }
  if (block.label === "CERTIFICATE") {
    throw unprocessable(
      "This is a certificate, not a key; import the key, then attach the certificate.",
    );
  }
  const kind = pemTypes[block.label];
  if (!kind) {
    throw unprocessable(
      `PEM blocks of type ${block.label} are not supported; use PRIVATE KEY, RSA PRIVATE KEY, EC PRIVATE KEY, PUBLIC KEY or RSA PUBLIC KEY.`,
    );
  }
  let key: KeyObject;
  try {
    const input = { key: block.der, format: "der" as const, type: kind.type as never };
    key = kind.private ? crypto.createPrivateKey(input) : crypto.createPublicKey(input);
  } catch {
    throw unprocessable(`The ${block.label} block could not be read as a key.`);
  }
  const jwk = keyObjectToJwk(key);
  return parseJwk(jwk, { ...options, format: kind.format });
}
