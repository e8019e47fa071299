import { calculateJwkThumbprint } from "jose";
import { describe, expect, it } from "vitest";
import { signingAlgorithms } from "./algorithms";
import { generateSigningKey, toPublicJwk } from "./generate";

const privateMembers = ["d", "p", "q", "dp", "dq", "qi", "k"];

describe("key generation", () => {
  it.each(signingAlgorithms)(
    "%s: kid is the RFC 7638 thumbprint and the public JWK has no private member",
    async (alg) => {
      const key = await generateSigningKey(alg);
      expect(key.kid).toBe(await calculateJwkThumbprint(key.publicJwk, "sha256"));
      expect(key.publicJwk).toMatchObject({ kid: key.kid, alg, use: "sig", kty: key.kty });
      for (const member of privateMembers) expect(key.publicJwk).not.toHaveProperty(member);
      expect(key.privateJwk.d).toEqual(expect.any(String));
    },
  );

  it("generates RSA keys of the requested size", async () => {
    const key = await generateSigningKey("RS256", 3072);
    expect(Buffer.from(key.publicJwk.n!, "base64url").length * 8).toBe(3072);
  });

  it("refuses key types it does not know", () => {
    expect(() =>
      toPublicJwk({ kty: "oct", k: "secret" }, { kid: "x", alg: "HS256", use: "sig" }),
    ).toThrow(/Unsupported/);
  });
});
