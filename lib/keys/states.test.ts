import { describe, expect, it } from "vitest";
import type { KeyState } from "../db/generated/enums";
import { assertTransition, nextState, type KeyEvent } from "./states";

const states: KeyState[] = [
  "staged",
  "active",
  "retired",
  "unpublished",
  "revoked",
  "destroy_scheduled",
  "destroyed",
];
const events: KeyEvent[] = ["activate", "retire", "unpublish", "revoke"];

const allowed: Record<string, KeyState> = {
  "staged/activate": "active",
  "active/retire": "retired",
  "retired/unpublish": "unpublished",
  "staged/revoke": "revoked",
  "active/revoke": "revoked",
  "retired/revoke": "revoked",
  "unpublished/revoke": "revoked",
};

describe("key state machine", () => {
  it("allows exactly the designed transitions and refuses every other with a reason", () => {
    for (const state of states) {
      for (const event of events) {
        const expected = allowed[`${state}/${event}`] ?? null;
        expect(nextState(state, event), `${state} → ${event}`).toBe(expected);
        if (expected) expect(assertTransition(state, event)).toBe(expected);
        else expect(() => assertTransition(state, event)).toThrow(/\.$/);
      }
    }
  });

  it("says a revoked key is already revoked", () => {
    expect(() => assertTransition("revoked", "revoke")).toThrow("This key is already revoked.");
  });
});
