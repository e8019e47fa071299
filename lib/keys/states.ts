import type { KeyState } from "../db/generated/enums";
import { conflict } from "../errors";

// The key lifecycle as a table: which event moves a key from which state to which.
// Anything not listed is refused with a sentence that says why.

export type KeyEvent = "activate" | "retire" | "unpublish" | "revoke";

const transitions: Record<KeyEvent, Partial<Record<KeyState, KeyState>>> = {
  activate: { staged: "active" },
  retire: { active: "retired" },
  unpublish: { retired: "unpublished" },
  revoke: { staged: "revoked", active: "revoked", retired: "revoked", unpublished: "revoked" },
};

const refusals: Record<KeyEvent, string> = {
  activate: "Only a staged key can be activated.",
  retire: "Only the active key can be retired.",
  unpublish: "Only a retired key can be unpublished.",
  revoke: "Only a staged, active, retired or unpublished key can be revoked.",
};

export function nextState(from: KeyState, event: KeyEvent): KeyState | null {
  return transitions[event][from] ?? null;
}

export function assertTransition(from: KeyState, event: KeyEvent): KeyState {
  const to = nextState(from, event);
  if (!to) {
    if (event === "revoke" && from === "revoked") throw conflict("This key is already revoked.");
    throw conflict(`${refusals[event]} This key is ${from.replace("_", " ")}.`);
  }
  return to;
}

export const isPublished = (state: KeyState) =>
  state === "staged" || state === "active" || state === "retired";

export const revocationReasons = ["compromised", "superseded", "other"] as const;
export type RevocationReason = (typeof revocationReasons)[number];
