import { describe, expect, it } from "vitest";
import type { KeyState } from "../db/generated/enums";
import { assertTransition, isPublished, nextState, type KeyEvent } from "./states";

const states: KeyState[] = [
  "staged",
  "active",
  "retired",
  "unpublished",
  "revoked",
  "destroy_scheduled",
  "destroyed",
];
const events: KeyEvent[] = [
  "activate",
  "retire",
  "unpublish",
  "revoke",
  "schedule_destruction",
  "cancel_destruction",
  "destroy",
];

// The design's diagram, edge by edge. Everything else must be refused.
const allowed: Record<string, KeyState> = {
  "staged/activate": "active",
  "active/retire": "retired",
  "retired/unpublish": "unpublished",
  "staged/revoke": "revoked",
  "active/revoke": "revoked",
  "retired/revoke": "revoked",
  "unpublished/revoke": "revoked",
  "unpublished/schedule_destruction": "destroy_scheduled",
  "revoked/schedule_destruction": "destroy_scheduled",
  "destroy_scheduled/destroy": "destroyed",
};

describe("key state machine", () => {
  it("allows exactly the designed transitions and refuses every other with a reason", () => {
    for (const state of states) {
      for (const event of events) {
        if (event === "cancel_destruction") continue;
        const expected = allowed[`${state}/${event}`] ?? null;
        expect(nextState(state, event), `${state} → ${event}`).toBe(expected);
        if (expected) expect(assertTransition(state, event)).toBe(expected);
        else expect(() => assertTransition(state, event), `${state} → ${event}`).toThrow(/\.$/);
      }
    }
  });

  it("refuses illegal transitions as conflicts (409)", () => {
    expect(() => assertTransition("active", "activate")).toThrow(
      expect.objectContaining({ code: "conflict", status: 409 }),
    );
  });

  it("cancels a destruction back to the state the key had before", () => {
    expect(nextState("destroy_scheduled", "cancel_destruction", "revoked")).toBe("revoked");
    expect(nextState("destroy_scheduled", "cancel_destruction", "unpublished")).toBe("unpublished");
    // A scheduled key never came from a published state; an unknown origin is refused.
    expect(nextState("destroy_scheduled", "cancel_destruction", "active")).toBeNull();
    expect(nextState("destroy_scheduled", "cancel_destruction", null)).toBeNull();
    for (const state of states.filter((s) => s !== "destroy_scheduled")) {
      expect(nextState(state, "cancel_destruction", "revoked"), state).toBeNull();
    }
    expect(() => assertTransition("destroyed", "cancel_destruction", "revoked")).toThrow(
      "This key is already destroyed; destruction cannot be undone.",
    );
  });

  it("says why in the cases people actually hit", () => {
    expect(() => assertTransition("revoked", "revoke")).toThrow("This key is already revoked.");
    expect(() => assertTransition("destroy_scheduled", "revoke")).toThrow(
      /Cancel the destruction first/,
    );
    expect(() => assertTransition("active", "schedule_destruction")).toThrow(
      /retire and unpublish it first, or revoke it\. This key is active\./,
    );
    expect(() => assertTransition("revoked", "activate")).toThrow(
      "A revoked key never signs or publishes again.",
    );
  });

  it("publishes only staged, active and retired keys", () => {
    expect(states.filter(isPublished)).toEqual(["staged", "active", "retired"]);
  });
});
