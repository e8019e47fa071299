import { formatDuration, leadSeconds, overlapSeconds, type TimingSettings } from "./timing";

// The next step of a key and when it becomes safe, for the console. Pure and free of
// server imports: client components render it as a live countdown.

export interface TimingView {
  leadSeconds: number;
  overlapSeconds: number;
}

export function timingView(settings: TimingSettings): TimingView {
  return { leadSeconds: leadSeconds(settings), overlapSeconds: overlapSeconds(settings) };
}

export interface PolicyRuleView {
  alg: string;
  rotateEveryDays: number;
  autoUnpublish: boolean;
  enabled: boolean;
}

export interface MilestoneKey {
  kty: string;
  alg: string;
  state: string;
  canSign: boolean;
  createdAt: string;
  activatedAt: string | null;
  retiredAt: string | null;
  destruction: { after: string; approved: boolean } | null;
}

export type MilestoneKind = "promote" | "unpublish" | "rotate" | "destroy";

export interface Milestone {
  kind: MilestoneKind;
  at: string;
  /** Said before the instant: "Safe to promote", "Destroyed". */
  before: string;
  /** Said once it has passed. */
  after: string;
}

const plus = (iso: string, seconds: number) =>
  new Date(new Date(iso).getTime() + seconds * 1000).toISOString();

export function keyMilestone(
  key: MilestoneKey,
  timing: TimingView,
  policy?: PolicyRuleView | null,
): Milestone | null {
  const rule = policy?.enabled ? policy : null;
  switch (key.state) {
    case "staged":
      if (!key.canSign) return null;
      return {
        kind: "promote",
        at: key.kty === "oct" ? key.createdAt : plus(key.createdAt, timing.leadSeconds),
        before: "Safe to promote",
        after: rule ? "Ready; the policy promotes it when the slot is due" : "Ready to promote",
      };
    case "active":
      if (!rule || !key.activatedAt) return null;
      return {
        kind: "rotate",
        at: plus(key.activatedAt, rule.rotateEveryDays * 86_400),
        before: "Policy rotates it",
        after: "Rotation due; waiting for a staged key's lead",
      };
    case "retired":
      return {
        kind: "unpublish",
        at: plus(key.retiredAt ?? key.createdAt, timing.overlapSeconds),
        before: "Safe to unpublish",
        after: rule?.autoUnpublish
          ? "Overlap over; the policy unpublishes it"
          : "Safe to unpublish",
      };
    case "destroy_scheduled":
      if (!key.destruction) return null;
      return key.destruction.approved
        ? {
            kind: "destroy",
            at: key.destruction.after,
            before: "Destroyed",
            after: "Being destroyed",
          }
        : {
            kind: "destroy",
            at: key.destruction.after,
            before: "Awaiting a second approval; the waiting period ends",
            after: "Awaiting a second approval; the wait is over",
          };
    default:
      return null;
  }
}

/** "in 4 min 10 s" / null once passed. */
export function remaining(at: string, now: number): string | null {
  const seconds = (new Date(at).getTime() - now) / 1000;
  return seconds > 0 ? `in ${formatDuration(seconds)}` : null;
}
