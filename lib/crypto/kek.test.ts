import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { kekFromBase64, unwrap, wrap } from "./kek";

const kek = kekFromBase64(crypto.randomBytes(32).toString("base64"));
const secret = Buffer.from('{"d":"private"}');

describe("key wrapping", () => {
  it("round-trips on the row it was written for", () => {
    const envelope = wrap(kek, secret, "tenant-a", "key-1");
    expect(unwrap(kek, envelope, "tenant-a", "key-1").equals(secret)).toBe(true);
  });

  it("uses a fresh nonce for every wrap", () => {
    const a = wrap(kek, secret, "t", "k");
    const b = wrap(kek, secret, "t", "k");
    expect(a.subarray(1, 13).equals(b.subarray(1, 13))).toBe(false);
  });

  it.each([
    ["another tenant", "tenant-b", "key-1"],
    ["another key", "tenant-a", "key-2"],
  ])("refuses a ciphertext copied onto %s", (_, tenant, key) => {
    const envelope = wrap(kek, secret, "tenant-a", "key-1");
    expect(() => unwrap(kek, envelope, tenant, key)).toThrow(/could not be decrypted/);
  });

  it("refuses a tampered ciphertext or a wrong KEK, without revealing anything", () => {
    const envelope = wrap(kek, secret, "t", "k");
    const tampered = Buffer.from(envelope);
    tampered[20] ^= 1;
    const other = kekFromBase64(crypto.randomBytes(32).toString("base64"));
    expect(() => unwrap(kek, tampered, "t", "k")).toThrow(/could not be decrypted/);
    expect(() => unwrap(other, envelope, "t", "k")).toThrow(/could not be decrypted/);
  });

  it("names a KEK by an id that does not reveal it", () => {
    expect(kek.id).toMatch(/^[0-9a-f]{16}$/);
    expect(kek.key.toString("hex")).not.toContain(kek.id);
    expect(() => kekFromBase64(Buffer.alloc(16).toString("base64"))).toThrow(/32 bytes/);
  });
});
