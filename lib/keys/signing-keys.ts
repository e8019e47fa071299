import { importJWK, type CryptoKey, type JWK } from "jose";
import { unwrap } from "../crypto/kek";
import { keyring } from "../crypto/keyring";
import { importHmacKey } from "../crypto/symmetric";

// Decrypted keys are imported as non-extractable CryptoKeys and kept in memory for the
// signing path only; the plaintext JWK does not outlive `load`. Entries are dropped when
// the key leaves the active state (revocation, destruction) on this instance; on other
// instances the active-key lookup, which runs on every sign, stops selecting it.

const globalKey = Symbol.for("keyward.signing-keys");
const store = globalThis as typeof globalThis & { [globalKey]?: Map<string, Promise<CryptoKey>> };
const cache = (store[globalKey] ??= new Map());

export interface WrappedKey {
  id: string;
  alg: string;
  privateCiphertext: Uint8Array | null;
  kekId: string | null;
}

async function load(tenantId: string, key: WrappedKey): Promise<CryptoKey> {
  const ring = keyring();
  const kek = key.kekId ? ring.byId.get(key.kekId) : undefined;
  if (!kek || !key.privateCiphertext) {
    throw new Error("The key-encryption key that wrapped this key is not configured.");
  }
  const plaintext = unwrap(kek, Buffer.from(key.privateCiphertext), tenantId, key.id);
  const jwk = JSON.parse(plaintext.toString("utf8")) as JWK;
  plaintext.fill(0);
  if (jwk.kty === "oct") return importHmacKey(jwk, key.alg);
  return (await importJWK(jwk, key.alg, { extractable: false })) as CryptoKey;
}

export function signingKeyFor(tenantId: string, key: WrappedKey): Promise<CryptoKey> {
  let entry = cache.get(key.id);
  if (!entry) {
    entry = load(tenantId, key);
    entry.catch(() => cache.delete(key.id));
    cache.set(key.id, entry);
  }
  return entry;
}

export function forgetSigningKey(id: string) {
  cache.delete(id);
}
