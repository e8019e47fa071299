import type { KeyState } from "../db/generated/enums";
import { conflict } from "../errors";

// The key lifecycle as a table: which event moves a key from which state to which.
// Anything not listed is refused with a sentence that says why. Cancelling a destruction
// returns the key to the state it had before (`stateBeforeDestroy`), so that one event
// is resolved with the key's own history rather than the table.

export type KeyEvent =
  | "activate"
  | "retire"
  | "unpublish"
  | "revoke"
  | "schedule_destruction"
  | "cancel_destruction"
  | "destroy";

const transitions: Record<KeyEvent, Partial<Record<KeyState, KeyState>>> = {
  activate: { staged: "active" },
  retire: { active: "retired" },
  unpublish: { retired: "unpublished" },
  revoke: { staged: "revoked", active: "revoked", retired: "revoked", unpublished: "revoked" },
  schedule_destruction: { unpublished: "destroy_scheduled", revoked: "destroy_scheduled" },
  // Placeholder target: the real one is the key's state before destruction was scheduled.
  cancel_destruction: { destroy_scheduled: "unpublished" },
  destroy: { destroy_scheduled: "destroyed" },
};

const refusals: Record<KeyEvent, string> = {
  activate: "Only a staged key can be activated.",
  retire: "Only the active key can be retired.",
  unpublish: "Only a retired key can be unpublished.",
  revoke: "Only a staged, active, retired or unpublished key can be revoked.",
  schedule_destruction:
    "Only an unpublished or revoked key can be scheduled for destruction; retire and unpublish it first, or revoke it.",
  cancel_destruction: "Only a key scheduled for destruction can have its destruction cancelled.",
  destroy: "Only a key scheduled for destruction can be destroyed.",
};

// Refusals that say more than the table can: what to do instead.
const specific: Partial<Record<`${KeyState}/${KeyEvent}`, string>> = {
  "revoked/revoke": "This key is already revoked.",
  "revoked/activate": "A revoked key never signs or publishes again.",
  "destroy_scheduled/revoke":
    "This key is scheduled for destruction and is not published. Cancel the destruction first if it must be revoked.",
  "destroy_scheduled/schedule_destruction": "This key is already scheduled for destruction.",
  "destroyed/schedule_destruction": "This key is already destroyed.",
  "destroyed/cancel_destruction": "This key is already destroyed; destruction cannot be undone.",
};

const restorable: KeyState[] = ["unpublished", "revoked"];

export function nextState(
  from: KeyState,
  event: KeyEvent,
  before?: KeyState | null,
): KeyState | null {
  const to = transitions[event][from] ?? null;
  if (to && event === "cancel_destruction") {
    return before && restorable.includes(before) ? before : null;
  }
  return to;
}

export function assertTransition(
  from: KeyState,
  event: KeyEvent,
  before?: KeyState | null,
): KeyState {
  const to = nextState(from, event, before);
  if (!to) {
    const message = specific[`${from}/${event}`];
    if (message) throw conflict(message);
    throw conflict(`${refusals[event]} This key is ${from.replace("_", " ")}.`);
  }
  return to;
}

export const isPublished = (state: KeyState) =>
  state === "staged" || state === "active" || state === "retired";

export const revocationReasons = ["compromised", "superseded", "other"] as const;
export type RevocationReason = (typeof revocationReasons)[number];
