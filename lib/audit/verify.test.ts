import { describe, expect, it } from "vitest";
import type { AuditEventRow } from "../db/audit-events";
import { chainHash, GENESIS_HASH } from "./canonical";
import { ChainWalker } from "./verify";

function chain(length: number): AuditEventRow[] {
  const rows: AuditEventRow[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= length; i++) {
    const content = {
      id: BigInt(i),
      tenantId: null,
      actorType: "system",
      actorId: null,
      actorLabel: "system",
      action: "key.created",
      outcome: "success",
      targetType: null,
      targetId: null,
      kid: null,
      ip: null,
      details: { n: i },
      createdAt: new Date(1_700_000_000_000 + i),
    };
    const hash = chainHash(prev, content);
    rows.push({ ...content, prevHash: prev, hash });
    prev = hash;
  }
  return rows;
}

function walk(rows: AuditEventRow[], walker = new ChainWalker(null)) {
  for (const row of rows) {
    const fault = walker.accept(row);
    if (fault) return { ...fault, firstBrokenId: Number(fault.firstBrokenId) };
  }
  const tail = walker.finish();
  return tail ? { ...tail, firstBrokenId: Number(tail.firstBrokenId) } : "ok";
}

describe("chain walker", () => {
  it("names the first broken event for each kind of tampering", () => {
    const rows = chain(6);
    const cases: [string, AuditEventRow[], number | "ok", RegExp?][] = [
      ["untouched", rows, "ok"],
      ["edited", rows.map((r) => (r.id === 3n ? { ...r, outcome: "failure" } : r)), 3, /edited/],
      ["deleted", rows.filter((r) => r.id !== 3n), 4, /deleted/],
      ["first deleted", rows.slice(1), 2, /deleted/],
      ["swapped", [rows[0], rows[2], rows[1], ...rows.slice(3)], 3, /reordered/],
      [
        "inserted",
        [
          ...rows.slice(0, 3),
          { ...rows[3], id: 99n, prevHash: rows[2].hash, hash: "f".repeat(64) },
          ...rows.slice(3),
        ],
        99,
      ],
    ];
    for (const [name, tampered, expected, reason] of cases) {
      const result = walk(tampered);
      if (expected === "ok") expect(result, name).toBe("ok");
      else {
        expect(result, name).toMatchObject({ firstBrokenId: expected });
        if (reason) expect((result as { reason: string }).reason, name).toMatch(reason);
      }
    }
  });

  it("recognises a well-formed event slipped in between two others", () => {
    const rows = chain(4);
    const forged = { ...rows[1], id: 25n, action: "key.revoked" };
    const inserted = { ...forged, prevHash: rows[1].hash, hash: chainHash(rows[1].hash, forged) };
    const result = walk([rows[0], rows[1], inserted, rows[2], rows[3]]);
    expect(result).toMatchObject({ firstBrokenId: 25, reason: expect.stringMatching(/inserted/) });
  });

  it("holds anchored hashes to their signed value and notices a cut tail", () => {
    const rows = chain(5);
    const anchor = { headId: 4n, headHash: rows[3].hash, label: "signed checkpoint 1" };
    expect(walk(rows, new ChainWalker(null, [anchor]))).toBe("ok");
    const wrong = { ...anchor, headHash: "0".repeat(64) };
    expect(walk(rows, new ChainWalker(null, [wrong]))).toMatchObject({ firstBrokenId: 4 });
    expect(walk(rows.slice(0, 3), new ChainWalker(null, [anchor]))).toMatchObject({
      firstBrokenId: 4,
      reason: expect.stringMatching(/tail was deleted/),
    });
  });

  it("continues from a verified point", () => {
    const rows = chain(5);
    const walker = new ChainWalker({ id: 2n, hash: rows[1].hash });
    expect(walk(rows.slice(2), walker)).toBe("ok");
    expect(walker.checked).toBe(3);
  });
});
