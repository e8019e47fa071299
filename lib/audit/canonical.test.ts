import { describe, expect, it } from "vitest";
import { canonicalize, chainHash, GENESIS_HASH } from "./canonical";

const event = {
  id: 7n,
  tenantId: "t",
  actorType: "user",
  actorId: "u",
  actorLabel: "a@example.test",
  action: "key.created",
  outcome: "success",
  targetType: "key",
  targetId: "k",
  kid: "kid",
  ip: null,
  details: { b: 1, a: { d: 2, c: [3, { f: 4, e: 5 }] } },
  createdAt: new Date("2026-01-02T03:04:05.678Z"),
};

describe("audit canonical form", () => {
  it("sorts detail keys recursively and fixes the field order", () => {
    expect(canonicalize(event)).toBe(
      '["7","2026-01-02T03:04:05.678Z","t","user","u","a@example.test","key.created","success","key","k","kid",null,{"a":{"c":[3,{"e":5,"f":4}],"d":2},"b":1}]',
    );
  });

  it("is the same for the same content whatever the key order", () => {
    const reordered = { ...event, details: { a: { c: [3, { e: 5, f: 4 }], d: 2 }, b: 1 } };
    expect(chainHash(GENESIS_HASH, reordered)).toBe(chainHash(GENESIS_HASH, event));
  });

  it("changes with any field or with the previous hash", () => {
    const base = chainHash(GENESIS_HASH, event);
    expect(chainHash(GENESIS_HASH, { ...event, action: "key.revoked" })).not.toBe(base);
    expect(chainHash(GENESIS_HASH, { ...event, id: 8n })).not.toBe(base);
    expect(chainHash("1".repeat(64), event)).not.toBe(base);
  });
});
