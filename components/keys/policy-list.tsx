"use client";

import { useActionState, useState } from "react";
import { deletePolicyAction, savePolicyAction } from "@/lib/actions/policies";
import { idleState } from "@/lib/actions/state";
import { describeAlgorithm, signingAlgorithms } from "@/lib/crypto/algorithms";
import type { PolicyView } from "@/lib/rotation/policies";
import type { TimingView } from "@/lib/rotation/milestones";
import { formatDuration } from "@/lib/rotation/timing";
import { Button } from "../ui/button";
import { DialogActions } from "../ui/dialog-actions";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { SelectField, TextField } from "../ui/field";
import { FormMessage } from "../ui/form-message";
import { EmptyState } from "../ui/empty-state";
import { Time } from "../ui/time";
import { cardClass } from "../ui/variants";

function Check({
  name,
  label,
  defaultChecked,
}: {
  name: string;
  label: string;
  defaultChecked: boolean;
}) {
  return (
    <label className="flex items-center gap-2 text-sm">
      <input type="checkbox" name={name} defaultChecked={defaultChecked} />
      {label}
    </label>
  );
}

export function PolicyForm({ slug, policies }: { slug: string; policies: PolicyView[] }) {
  const [state, action, pending] = useActionState(savePolicyAction.bind(null, slug), idleState);
  const [alg, setAlg] = useState<string>("ES256");
  const current = policies.find((p) => p.alg === alg);
  return (
    <section className={cardClass} aria-labelledby="policy-form-heading">
      <h2 id="policy-form-heading" className="mb-1 text-lg font-semibold">
        Set a rotation policy
      </h2>
      <p className="mb-4 text-sm text-slate-500 dark:text-slate-400">
        Keyward&apos;s scheduler promotes, stages and unpublishes for you, each step only when its
        timing allows. Choosing a slot that has a policy edits it.
      </p>
      <form
        action={action}
        key={`${alg}-${current?.updatedAt ?? "new"}`}
        className="grid gap-4 sm:grid-cols-2"
      >
        <SelectField
          label="Algorithm"
          name="alg"
          value={alg}
          onChange={(e) => setAlg(e.target.value)}
          options={signingAlgorithms.map((a) => ({ value: a, label: describeAlgorithm(a) }))}
          error={state.fieldErrors?.alg}
        />
        <TextField
          label="Rotate every (days)"
          name="rotateEveryDays"
          type="number"
          min={1}
          max={3650}
          defaultValue={current?.rotateEveryDays ?? 90}
          hint="Counted from the activation of the current key."
          error={state.fieldErrors?.rotateEveryDays}
        />
        <div className="space-y-2 sm:col-span-2">
          <Check
            name="keepStaged"
            label="Keep a staged key ready (published long before it signs)"
            defaultChecked={current?.keepStaged ?? true}
          />
          <Check
            name="autoUnpublish"
            label="Unpublish retired keys when their overlap ends"
            defaultChecked={current?.autoUnpublish ?? true}
          />
          <Check name="enabled" label="Enabled" defaultChecked={current?.enabled ?? true} />
        </div>
        <div className="flex items-center gap-3 sm:col-span-2">
          <Button type="submit" disabled={pending}>
            {pending ? "Saving…" : "Save policy"}
          </Button>
          <FormMessage state={state} />
        </div>
      </form>
    </section>
  );
}

function DeletePolicy({ slug, alg, close }: { slug: string; alg: string; close: () => void }) {
  const [state, action, pending] = useActionState(
    deletePolicyAction.bind(null, slug, alg),
    idleState,
  );
  return (
    <form action={action} className="space-y-4">
      <p className="text-sm">
        Keys stay as they are; the slot then rotates only when someone rotates it.
      </p>
      <DialogActions
        state={state}
        pending={pending}
        close={close}
        submit="Remove policy"
        pendingLabel="Removing…"
        variant="danger"
      />
    </form>
  );
}

export function PolicyList({
  slug,
  policies,
  timing,
  canManage,
}: {
  slug: string;
  policies: PolicyView[];
  timing: TimingView;
  canManage: boolean;
}) {
  return (
    <section className={cardClass} aria-labelledby="policies-heading">
      <h2 id="policies-heading" className="text-lg font-semibold">
        Rotation policies
      </h2>
      <p className="mb-3 text-sm text-slate-500 dark:text-slate-400">
        With this tenant&apos;s settings a staged key is promoted no sooner than{" "}
        {formatDuration(timing.leadSeconds)} after it was published, and a retired key stays
        published {formatDuration(timing.overlapSeconds)}.
      </p>
      {policies.length === 0 ? (
        <EmptyState title="No policies yet">
          Every slot rotates only when someone rotates it. Set a policy to let Keyward do it.
        </EmptyState>
      ) : (
        <ul className="divide-y divide-slate-200 dark:divide-slate-800">
          {policies.map((policy) => (
            <li
              key={policy.alg}
              className="flex flex-wrap items-center justify-between gap-3 py-3 text-sm"
              data-testid={`policy-${policy.alg}`}
            >
              <div>
                <p className="font-medium">
                  {policy.alg}: every {policy.rotateEveryDays} days
                  {policy.enabled ? "" : " (paused)"}
                </p>
                <p className="text-slate-500 dark:text-slate-400">
                  {policy.keepStaged ? "Keeps a staged key ready" : "Stages just in time"} ·{" "}
                  {policy.autoUnpublish
                    ? "unpublishes after the overlap"
                    : "leaves retired keys published"}
                  {policy.nextRotationAt && (
                    <>
                      {" "}
                      · next rotation <Time value={policy.nextRotationAt} />
                    </>
                  )}
                </p>
              </div>
              {canManage && (
                <ConfirmDialog
                  trigger={`Remove ${policy.alg} policy`}
                  title={`Remove the ${policy.alg} policy?`}
                >
                  {(close) => <DeletePolicy slug={slug} alg={policy.alg} close={close} />}
                </ConfirmDialog>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
