import { describe, expect, it } from "vitest";
import { MAX_PENDING_ROWS, UA_FAMILIES_PER_MINUTE, UsageRecorder } from "./recorder";

const T = "00000000-0000-4000-8000-000000000001";
const K = "00000000-0000-4000-8000-00000000000a";

function clockAt(iso: string) {
  let now = Date.parse(iso);
  return { now: () => now, set: (value: string) => (now = Date.parse(value)) };
}

describe("UsageRecorder", () => {
  it("aggregates per key, kind and minute, and tracks each key's last use", () => {
    const clock = clockAt("2026-12-04T10:00:05Z");
    const recorder = new UsageRecorder(clock.now);
    recorder.countSignature(T, K);
    recorder.countSignature(T, K);
    recorder.countVerification(T, K);
    clock.set("2026-12-04T10:01:30Z");
    recorder.countSignature(T, K);

    const batch = recorder.drain();
    const summary = batch.counters
      .map((r) => [r.kind, new Date(r.minute).toISOString(), r.count])
      .sort((a, b) => `${a[0]}${a[1]}`.localeCompare(`${b[0]}${b[1]}`));
    expect(summary).toEqual([
      ["signature", "2026-12-04T10:00:00.000Z", 2],
      ["signature", "2026-12-04T10:01:00.000Z", 1],
      ["verification", "2026-12-04T10:00:00.000Z", 1],
    ]);
    expect(batch.lastUsed).toEqual([
      { tenantId: T, keyId: K, at: Date.parse("2026-12-04T10:01:30Z") },
    ]);
    expect(recorder.drain().counters).toEqual([]);
  });

  it("counts every JWKS request as a fetch and 304s also as not-modified, by family", () => {
    const recorder = new UsageRecorder(clockAt("2026-12-04T10:00:00Z").now);
    recorder.countJwksFetch(T, "Go-http-client/1.1", false);
    recorder.countJwksFetch(T, "Go-http-client/2.0", true);
    recorder.countJwksFetch(T, undefined, false);

    const rows = recorder.drain().counters.map((r) => [r.keyId, r.kind, r.uaFamily, r.count]);
    expect(rows).toEqual([
      ["", "jwks_fetch", "go-http-client", 2],
      ["", "jwks_fetch", "unknown", 1],
      ["", "jwks_not_modified", "go-http-client", 1],
    ]);
  });

  it("folds User-Agent families beyond the per-minute limit into 'other'", () => {
    const recorder = new UsageRecorder(clockAt("2026-12-04T10:00:00Z").now);
    for (let i = 0; i < UA_FAMILIES_PER_MINUTE + 5; i++)
      recorder.countJwksFetch(T, `client${i}/1`, false);

    const families = recorder.drain().counters.map((r) => r.uaFamily);
    expect(families).toHaveLength(UA_FAMILIES_PER_MINUTE + 1);
    expect(families.at(-1)).toBe("other");
  });

  it("puts a failed batch back so the next drain carries it, added to new counts", () => {
    const recorder = new UsageRecorder(clockAt("2026-12-04T10:00:00Z").now);
    recorder.countSignature(T, K);
    const failed = recorder.drain();
    recorder.countSignature(T, K);
    recorder.restore(failed);

    expect(recorder.drain().counters.map((r) => r.count)).toEqual([2]);
  });

  it("reads the clock from a timer by default, so counting does not pay for a clock read", () => {
    const recorder = new UsageRecorder();
    recorder.countSignature(T, K);
    const [use] = recorder.drain().lastUsed;
    expect(Math.abs(use.at - Date.now())).toBeLessThan(1_000);
  });

  it("drops new counters once the pending set is full, and reports how many", () => {
    const clock = clockAt("2026-12-04T10:00:00Z");
    const recorder = new UsageRecorder(clock.now);
    for (let i = 0; i < MAX_PENDING_ROWS; i++) recorder.countSignature(T, `k${i}`);
    recorder.countSignature(T, "one-too-many");
    recorder.countSignature(T, "k0");

    expect(recorder.pendingRows).toBe(MAX_PENDING_ROWS);
    expect(recorder.takeDropped()).toBe(1);
    expect(recorder.takeDropped()).toBe(0);
  });
});
