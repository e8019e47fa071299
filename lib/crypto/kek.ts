import crypto from "node:crypto";

// AES-256-GCM envelope for private key material. Layout: version(1) ‖ nonce(12) ‖
// ciphertext ‖ tag(16). The additional data names tenant and key, so a ciphertext only
// decrypts on the row it was written for.

const VERSION = 1;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export interface Kek {
  id: string;
  key: Buffer;
}

export function kekFromBase64(value: string): Kek {
  const key = Buffer.from(value, "base64");
  if (key.length !== 32) throw new Error("A key-encryption key must be 32 bytes.");
  // The id names the KEK without revealing it: a truncated hash of a domain-separated input.
  const id = crypto
    .createHash("sha256")
    .update("keyward-kek-id:")
    .update(key)
    .digest("hex")
    .slice(0, 16);
  return { id, key };
}

function additionalData(tenantId: string, keyId: string): Buffer {
  return Buffer.from(`keyward:v${VERSION}:${tenantId}:${keyId}`, "utf8");
}

export function wrap(kek: Kek, plaintext: Buffer, tenantId: string, keyId: string): Buffer {
  const nonce = crypto.randomBytes(NONCE_BYTES);
  const cipher = crypto.createCipheriv("aes-256-gcm", kek.key, nonce);
  cipher.setAAD(additionalData(tenantId, keyId));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), nonce, body, cipher.getAuthTag()]);
}

export function unwrap(kek: Kek, envelope: Buffer, tenantId: string, keyId: string): Buffer {
  if (envelope.length < 1 + NONCE_BYTES + TAG_BYTES || envelope[0] !== VERSION) {
    throw new Error("Stored key material is not in a known format.");
  }
  const nonce = envelope.subarray(1, 1 + NONCE_BYTES);
  const tag = envelope.subarray(envelope.length - TAG_BYTES);
  const body = envelope.subarray(1 + NONCE_BYTES, envelope.length - TAG_BYTES);
  const decipher = crypto.createDecipheriv("aes-256-gcm", kek.key, nonce);
  decipher.setAAD(additionalData(tenantId, keyId));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(body), decipher.final()]);
  } catch {
    // Deliberately vague: the cause is a wrong KEK or a moved/edited row, never shown detail.
    throw new Error("Stored key material could not be decrypted with the configured KEK.");
  }
}
