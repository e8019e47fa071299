import { jwtVerify, SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { generateSymmetricKey, importHmacKey, secretBytes, secretLengthProblem } from "./symmetric";

describe("symmetric keys", () => {
  it.each(["HS256", "HS384", "HS512"] as const)(
    "%s: the stored secret signs and verifies a token",
    async (alg) => {
      const key = generateSymmetricKey(alg);
      const signingKey = await importHmacKey(key.privateJwk, alg);

      const token = await new SignJWT({ sub: "svc" })
        .setProtectedHeader({ alg, kid: key.kid })
        .sign(signingKey);
      const secret = Buffer.from(key.privateJwk.k!, "base64url");
      const { payload, protectedHeader } = await jwtVerify(token, secret, { algorithms: [alg] });

      expect(payload.sub).toBe("svc");
      expect(protectedHeader.kid).toBe(key.kid);
      expect(secret.length).toBe(secretBytes[alg]);
      await expect(
        jwtVerify(token, Buffer.alloc(secret.length), { algorithms: [alg] }),
      ).rejects.toThrow();
    },
  );

  it("gives every key a random kid that is not derived from the secret, and no public JWK", () => {
    const a = generateSymmetricKey("HS256");
    const b = generateSymmetricKey("HS256");
    expect(a.kid).not.toBe(b.kid);
    expect(a.kid).toMatch(/^[\w-]{43}$/);
    expect(a.publicJwk).toBeNull();
    expect(a.use).toBe("sig");
    expect(generateSymmetricKey("A256GCM").use).toBe("enc");
  });

  it("keeps the signing key non-extractable and refuses to sign with A256GCM", async () => {
    const key = await importHmacKey(generateSymmetricKey("HS512").privateJwk, "HS512");
    expect(key.extractable).toBe(false);
    await expect(
      importHmacKey(generateSymmetricKey("A256GCM").privateJwk, "A256GCM"),
    ).rejects.toThrow(/cannot sign/);
  });

  it.each([
    ["HS256", 31, "HS256 needs a secret of at least 32 bytes; this one has 31."],
    ["HS384", 32, "HS384 needs a secret of at least 48 bytes; this one has 32."],
    ["HS512", 64, null],
    ["A256GCM", 33, "A256GCM needs a secret of exactly 32 bytes; this one has 33."],
    ["A256GCM", 32, null],
  ] as const)("%s with %i bytes: %s", (alg, length, problem) => {
    expect(secretLengthProblem(alg, length)).toBe(problem);
  });
});
