import type { KeyState } from "../db/generated/enums";
import {
  leadSeconds,
  promotableAt,
  rotationDueAt,
  unpublishableAt,
  type TimingSettings,
} from "./timing";

// What a rotation policy wants done in one slot at one instant. Pure: the scheduler plans
// outside the transaction, then plans again inside it under the tenant lock and acts only
// if the same step is still due — that second look is what makes ticks idempotent.

export interface SlotKey {
  kid: string;
  state: KeyState;
  canSign: boolean;
  createdAt: Date;
  activatedAt: Date | null;
  retiredAt: Date | null;
}

export interface PolicyRules {
  rotateEveryDays: number;
  keepStaged: boolean;
  autoUnpublish: boolean;
}

export type SlotStep =
  { kind: "promote"; kid: string } | { kind: "stage" } | { kind: "unpublish"; kid: string };

export interface SlotPlan {
  steps: SlotStep[];
  /** The next instant something in this slot becomes due, if nothing else changes. */
  nextDueAt: Date | null;
}

// Without keepStaged, the next key is staged this long before its lead must have passed,
// so a scheduler tick that comes a little late still promotes on time.
export const STAGE_MARGIN_SECONDS = 15 * 60;

const addSeconds = (date: Date, seconds: number) => new Date(date.getTime() + seconds * 1000);
const byCreation = (a: SlotKey, b: SlotKey) => a.createdAt.getTime() - b.createdAt.getTime();

export function planSlot(
  policy: PolicyRules,
  keys: SlotKey[],
  settings: TimingSettings,
  now: Date,
): SlotPlan {
  const steps: SlotStep[] = [];
  const later: Date[] = [];
  const active = keys.find((k) => k.state === "active");
  const staged = keys.filter((k) => k.state === "staged" && k.canSign).sort(byCreation);
  const retired = keys.filter((k) => k.state === "retired");

  // An empty slot is due at once: it gets its first key as soon as one has had its lead.
  const dueAt = active ? rotationDueAt(active, policy.rotateEveryDays) : now;
  let nextRotation = dueAt;
  let stagedLeft = staged.length;

  if (now >= dueAt) {
    const ready = staged.find((k) => promotableAt(k, settings) <= now);
    if (ready) {
      steps.push({ kind: "promote", kid: ready.kid });
      stagedLeft -= 1;
      nextRotation = addSeconds(now, policy.rotateEveryDays * 86_400);
    } else if (staged.length === 0) {
      steps.push({ kind: "stage" });
      stagedLeft += 1;
      later.push(addSeconds(now, leadSeconds(settings)));
    } else {
      later.push(promotableAt(staged[0], settings));
    }
  } else {
    later.push(dueAt);
  }

  if (stagedLeft === 0) {
    const stageBy = addSeconds(nextRotation, -(leadSeconds(settings) + STAGE_MARGIN_SECONDS));
    if (policy.keepStaged || now >= stageBy) steps.push({ kind: "stage" });
    else later.push(stageBy);
  }

  if (policy.autoUnpublish) {
    for (const key of retired) {
      const safe = unpublishableAt(key, settings);
      if (safe <= now) steps.push({ kind: "unpublish", kid: key.kid });
      else later.push(safe);
    }
  }

  const future = later.filter((d) => d > now).map((d) => d.getTime());
  return { steps, nextDueAt: future.length ? new Date(Math.min(...future)) : null };
}

export function sameStep(a: SlotStep, b: SlotStep): boolean {
  return a.kind === b.kind && ("kid" in a ? a.kid : null) === ("kid" in b ? b.kid : null);
}
