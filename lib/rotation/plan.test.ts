import { describe, expect, it } from "vitest";
import { planSlot, STAGE_MARGIN_SECONDS, type SlotKey } from "./plan";

const settings = {
  verifierCacheSeconds: 600,
  jwksMaxAgeSeconds: 300,
  maxTokenLifetimeSeconds: 3600,
  clockSkewSeconds: 60,
};
const LEAD = 600;
const OVERLAP = 4260;
const DAY = 86_400;
const t0 = new Date("2027-03-01T00:00:00.000Z");
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
const policy = { rotateEveryDays: 30, keepStaged: true, autoUnpublish: true };

function key(kid: string, state: SlotKey["state"], fields: Partial<SlotKey> = {}): SlotKey {
  return {
    kid,
    state,
    canSign: true,
    createdAt: at(0),
    activatedAt: state === "active" ? at(0) : null,
    retiredAt: null,
    ...fields,
  };
}

describe("rotation policy plan", () => {
  it("stages the first key of an empty slot and promotes it once its lead has passed", () => {
    expect(planSlot(policy, [], settings, at(0))).toEqual({
      steps: [{ kind: "stage" }],
      nextDueAt: at(LEAD),
    });
    const staged = key("s1", "staged");
    expect(planSlot(policy, [staged], settings, at(LEAD - 1))).toEqual({
      steps: [],
      nextDueAt: at(LEAD),
    });
    expect(planSlot(policy, [staged], settings, at(LEAD)).steps).toEqual([
      { kind: "promote", kid: "s1" },
      { kind: "stage" },
    ]);
  });

  it("keeps a staged key ready and rotates when the period is over", () => {
    const active = key("a", "active");
    expect(planSlot(policy, [active], settings, at(10)).steps).toEqual([{ kind: "stage" }]);

    const staged = key("s", "staged", { createdAt: at(10) });
    expect(planSlot(policy, [active, staged], settings, at(30 * DAY - 1))).toEqual({
      steps: [],
      nextDueAt: at(30 * DAY),
    });
    expect(planSlot(policy, [active, staged], settings, at(30 * DAY)).steps).toEqual([
      { kind: "promote", kid: "s" },
      { kind: "stage" },
    ]);
  });

  it("waits for the lead of a late staged key even when the rotation is overdue", () => {
    const active = key("a", "active");
    const late = key("s", "staged", { createdAt: at(30 * DAY + 5) });
    expect(planSlot(policy, [active, late], settings, at(30 * DAY + 10))).toEqual({
      steps: [],
      nextDueAt: at(30 * DAY + 5 + LEAD),
    });
  });

  it("stages just in time when the policy does not keep a staged key", () => {
    const lazy = { ...policy, keepStaged: false };
    const active = key("a", "active");
    const stageBy = 30 * DAY - LEAD - STAGE_MARGIN_SECONDS;
    expect(planSlot(lazy, [active], settings, at(10))).toEqual({
      steps: [],
      nextDueAt: at(stageBy),
    });
    expect(planSlot(lazy, [active], settings, at(stageBy)).steps).toEqual([{ kind: "stage" }]);
    // After the rotation, nothing more is staged until the next period nears its end.
    const staged = key("s", "staged", { createdAt: at(stageBy) });
    expect(planSlot(lazy, [active, staged], settings, at(30 * DAY)).steps).toEqual([
      { kind: "promote", kid: "s" },
    ]);
  });

  it("promotes the staged key published longest, never a public-only one", () => {
    const active = key("a", "active");
    const keys = [
      active,
      key("public-only", "staged", { createdAt: at(-DAY), canSign: false }),
      key("newer", "staged", { createdAt: at(DAY) }),
      key("older", "staged", { createdAt: at(5) }),
    ];
    expect(planSlot(policy, keys, settings, at(30 * DAY)).steps).toEqual([
      { kind: "promote", kid: "older" },
    ]);
  });

  it("unpublishes a retired key only after the overlap, and only when the policy says so", () => {
    const active = key("a", "active", { activatedAt: at(0) });
    const staged = key("s", "staged");
    const retired = key("r", "retired", { retiredAt: at(0) });
    const keys = [active, staged, retired];
    expect(planSlot(policy, keys, settings, at(OVERLAP - 1))).toEqual({
      steps: [],
      nextDueAt: at(OVERLAP),
    });
    expect(planSlot(policy, keys, settings, at(OVERLAP)).steps).toEqual([
      { kind: "unpublish", kid: "r" },
    ]);
    expect(
      planSlot({ ...policy, autoUnpublish: false }, keys, settings, at(OVERLAP)).steps,
    ).toEqual([]);
  });
});
