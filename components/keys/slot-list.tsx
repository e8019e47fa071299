"use client";

import Link from "next/link";
import { useActionState, useEffect, useState } from "react";
import { rotateSlotAction } from "@/lib/actions/keys";
import { idleState } from "@/lib/actions/state";
import { isSigningAlgorithm } from "@/lib/crypto/algorithms";
import type { KeyView } from "@/lib/keys/present";
import { keyMilestone, type PolicyRuleView, type TimingView } from "@/lib/rotation/milestones";
import { formatDuration } from "@/lib/rotation/timing";
import { DialogActions } from "../ui/dialog-actions";
import { useRefreshJwksOnSuccess } from "./queries";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { TextField } from "../ui/field";
import { Time } from "../ui/time";
import { cardClass } from "../ui/variants";
import { Countdown } from "./countdown";

interface Slot {
  alg: string;
  active?: KeyView;
  /** Signable staged keys, published longest first: rotation promotes the first. */
  staged: KeyView[];
  retired: KeyView[];
}

function groupSlots(keys: KeyView[]): Slot[] {
  const slots = new Map<string, Slot>();
  for (const key of keys) {
    if (!key.published) continue;
    const slot = slots.get(key.alg) ?? { alg: key.alg, staged: [], retired: [] };
    if (key.state === "active") slot.active = key;
    else if (key.state === "staged") {
      if (key.canSign) slot.staged.push(key);
    } else slot.retired.push(key);
    slots.set(key.alg, slot);
  }
  for (const slot of slots.values())
    slot.staged.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return [...slots.values()].sort((a, b) => a.alg.localeCompare(b.alg));
}

/** True once `at` has passed, re-evaluated every second while the dialog is open. */
function usePassed(at: string | null) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!at) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [at]);
  return at ? new Date(at).getTime() <= now : false;
}

function RotateForm({
  slug,
  slot,
  timing,
  close,
}: {
  slug: string;
  slot: Slot;
  timing: TimingView;
  close: () => void;
}) {
  const [state, action, pending] = useActionState(rotateSlotAction.bind(null, slug), idleState);
  useRefreshJwksOnSuccess(slug, state);
  const next = slot.staged[0];
  const milestone = next ? keyMilestone(next, timing) : null;
  const safe = usePassed(milestone?.at ?? null);
  const [emergency, setEmergency] = useState(false);
  return (
    <form action={action} className="space-y-4">
      <input type="hidden" name="alg" value={slot.alg} />
      <p className="text-sm">
        {next ? (
          <>
            Staged key <code>{next.kid.slice(0, 16)}…</code> becomes active.
          </>
        ) : (
          <>
            No key is staged. Generate one first: it can be promoted{" "}
            {formatDuration(timing.leadSeconds)} after, once verifiers have had time to fetch it.
          </>
        )}{" "}
        {slot.active && (
          <>
            The current key <code>{slot.active.kid.slice(0, 16)}…</code> is retired and stays in the
            JWKS for {formatDuration(timing.overlapSeconds)} so tokens it signed keep verifying.
          </>
        )}
      </p>
      {milestone && (
        <p className="text-sm" aria-live="polite">
          <Countdown milestone={milestone} />
          {!safe && " — rotating before then needs the emergency override."}
        </p>
      )}
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          name="emergency"
          checked={emergency}
          onChange={(e) => setEmergency(e.target.checked)}
        />{" "}
        Emergency rotation (after a suspected compromise)
      </label>
      {emergency && (
        <p className="text-sm text-amber-700 dark:text-amber-300">
          {next
            ? "The staged key signs at once, even if its lead is not over."
            : `A new ${slot.alg} key is generated and signs at once.`}{" "}
          Verifiers whose cached JWKS does not hold it reject its tokens until they refetch. Revoke
          the compromised key afterwards.
        </p>
      )}
      <TextField
        label="Reason (recorded in the audit trail)"
        name="reason"
        required={emergency}
        hint={emergency ? "Required for an emergency rotation." : undefined}
        error={state.fieldErrors?.reason}
      />
      <DialogActions
        state={state}
        pending={pending}
        close={close}
        submit="Rotate now"
        pendingLabel="Rotating…"
      />
    </form>
  );
}

export function SlotList({
  slug,
  keys,
  canManage,
  timing,
  policies,
}: {
  slug: string;
  keys: KeyView[];
  canManage: boolean;
  timing: TimingView;
  policies: PolicyRuleView[];
}) {
  const slots = groupSlots(keys);
  if (slots.length === 0) return null;
  return (
    <section className={cardClass} aria-labelledby="slots-heading">
      <h2 id="slots-heading" className="text-lg font-semibold">
        Signing slots
      </h2>
      <p className="mb-3 text-sm text-slate-500 dark:text-slate-400">
        A staged key may be promoted {formatDuration(timing.leadSeconds)} after it was published
        (lead); a retired key stays published {formatDuration(timing.overlapSeconds)} (overlap).
        Both come from the tenant&apos;s settings.
      </p>
      <ul className="divide-y divide-slate-200 dark:divide-slate-800">
        {slots.map((slot) => {
          const policy = policies.find((p) => p.alg === slot.alg && p.enabled);
          const next = slot.staged[0] ? keyMilestone(slot.staged[0], timing, policy) : null;
          const rotation = slot.active ? keyMilestone(slot.active, timing, policy) : null;
          return (
            <li
              key={slot.alg}
              className="flex flex-wrap items-center justify-between gap-3 py-3"
              data-testid={`slot-${slot.alg}`}
            >
              <div className="space-y-0.5 text-sm">
                <p className="font-medium">{slot.alg}</p>
                <p className="text-slate-500 dark:text-slate-400">
                  {slot.active ? (
                    <>
                      Active{" "}
                      <Link
                        className="font-mono underline"
                        href={`/tenants/${slug}/keys/${slot.active.kid}`}
                      >
                        {slot.active.kid.slice(0, 12)}…
                      </Link>{" "}
                      since <Time value={slot.active.activatedAt} />
                    </>
                  ) : (
                    "No active key: signing with this algorithm fails until you rotate."
                  )}
                  {` · ${slot.staged.length} staged · ${slot.retired.length} retired`}
                </p>
                {next && (
                  <p>
                    Next key <code>{slot.staged[0].kid.slice(0, 12)}…</code>:{" "}
                    <Countdown milestone={next} />
                  </p>
                )}
                {policy && (
                  <p className="text-slate-500 dark:text-slate-400">
                    Policy: every {policy.rotateEveryDays} days
                    {rotation && (
                      <>
                        {" "}
                        — <Countdown milestone={rotation} />
                      </>
                    )}
                  </p>
                )}
              </div>
              {canManage && isSigningAlgorithm(slot.alg) && (
                <ConfirmDialog
                  trigger={`Rotate ${slot.alg}`}
                  title={`Rotate the ${slot.alg} slot`}
                  triggerVariant="secondary"
                >
                  {(close) => <RotateForm slug={slug} slot={slot} timing={timing} close={close} />}
                </ConfirmDialog>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
