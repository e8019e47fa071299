// What every console form action returns: one message, per-field errors, and an
// optional one-time value (a generated password or token) to show once.
export interface ActionState {
  ok: boolean;
  message?: string;
  fieldErrors?: Record<string, string>;
  secret?: string;
  /** Extra lines under the message (per-entry import warnings). */
  notes?: string[];
  /** Changes on every submission so forms can reset after success. */
  at?: number;
}

export const idleState: ActionState = { ok: false };
