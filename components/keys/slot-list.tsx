"use client";

import Link from "next/link";
import { useActionState } from "react";
import { rotateSlotAction } from "@/lib/actions/keys";
import { idleState } from "@/lib/actions/state";
import type { KeyView } from "@/lib/keys/present";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { TextField } from "../ui/field";
import { FormMessage } from "../ui/form-message";
import { Time } from "../ui/time";
import { cardClass } from "../ui/variants";

interface Slot {
  alg: string;
  active?: KeyView;
  staged: KeyView[];
  retired: KeyView[];
}

function groupSlots(keys: KeyView[]): Slot[] {
  const slots = new Map<string, Slot>();
  for (const key of keys) {
    if (!key.published) continue;
    const slot = slots.get(key.alg) ?? { alg: key.alg, staged: [], retired: [] };
    if (key.state === "active") slot.active = key;
    else if (key.state === "staged") slot.staged.push(key);
    else slot.retired.push(key);
    slots.set(key.alg, slot);
  }
  return [...slots.values()].sort((a, b) => a.alg.localeCompare(b.alg));
}

function RotateForm({ slug, slot, close }: { slug: string; slot: Slot; close: () => void }) {
  const [state, action, pending] = useActionState(rotateSlotAction.bind(null, slug), idleState);
  const next = slot.staged[0];
  return (
    <form action={action} className="space-y-4">
      <input type="hidden" name="alg" value={slot.alg} />
      <p className="text-sm">
        {next ? (
          <>
            Staged key <code>{next.kid.slice(0, 16)}…</code> becomes active.
          </>
        ) : (
          <>No key is staged: a new {slot.alg} key is generated and becomes active.</>
        )}{" "}
        {slot.active && (
          <>
            The current key <code>{slot.active.kid.slice(0, 16)}…</code> is retired and stays in the
            JWKS so tokens it signed keep verifying.
          </>
        )}
      </p>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="emergency" /> Emergency rotation (after a suspected compromise)
      </label>
      <TextField
        label="Reason (recorded in the audit trail)"
        name="reason"
        error={state.fieldErrors?.reason}
      />
      <FormMessage state={state} />
      <div className="flex justify-end gap-2">
        <Button type="button" variant="secondary" onClick={close}>
          {state.ok ? "Close" : "Cancel"}
        </Button>
        {!state.ok && (
          <Button type="submit" disabled={pending}>
            {pending ? "Rotating…" : "Rotate now"}
          </Button>
        )}
      </div>
    </form>
  );
}

export function SlotList({
  slug,
  keys,
  canManage,
}: {
  slug: string;
  keys: KeyView[];
  canManage: boolean;
}) {
  const slots = groupSlots(keys);
  if (slots.length === 0) return null;
  return (
    <section className={cardClass} aria-labelledby="slots-heading">
      <h2 id="slots-heading" className="mb-3 text-lg font-semibold">
        Signing slots
      </h2>
      <ul className="divide-y divide-slate-200 dark:divide-slate-800">
        {slots.map((slot) => (
          <li
            key={slot.alg}
            className="flex flex-wrap items-center justify-between gap-3 py-3"
            data-testid={`slot-${slot.alg}`}
          >
            <div className="text-sm">
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
            </div>
            {canManage && (
              <ConfirmDialog
                trigger={`Rotate ${slot.alg}`}
                title={`Rotate the ${slot.alg} slot`}
                triggerVariant="secondary"
              >
                {(close) => <RotateForm slug={slug} slot={slot} close={close} />}
              </ConfirmDialog>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
