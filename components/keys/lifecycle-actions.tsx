"use client";

import { useActionState, useState, type ReactNode } from "react";
import {
  activateKeyAction,
  approveDestructionAction,
  cancelDestructionAction,
  scheduleDestructionAction,
  unpublishKeyAction,
} from "@/lib/actions/keys";
import { idleState, type ActionState } from "@/lib/actions/state";
import type { KeyView } from "@/lib/keys/present";
import type { Milestone } from "@/lib/rotation/milestones";
import { DialogActions } from "../ui/dialog-actions";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { TextField } from "../ui/field";
import type { ButtonVariant } from "../ui/variants";
import { Countdown } from "./countdown";

type FormAction = (state: ActionState, form: FormData) => Promise<ActionState>;

// One confirmation dialog per lifecycle step: what happens, the fields it needs, and the
// server's answer (success or the reason it was refused) in the same place.
function StepDialog({
  trigger,
  title,
  submit,
  pendingLabel,
  action,
  variant = "secondary",
  children,
}: {
  trigger: string;
  title: string;
  submit: string;
  pendingLabel: string;
  action: FormAction;
  variant?: ButtonVariant;
  children: (state: ActionState) => ReactNode;
}) {
  return (
    <ConfirmDialog trigger={trigger} title={title} triggerVariant={variant}>
      {(close) => (
        <StepForm
          action={action}
          submit={submit}
          pendingLabel={pendingLabel}
          variant={variant}
          close={close}
        >
          {children}
        </StepForm>
      )}
    </ConfirmDialog>
  );
}

function StepForm({
  action: run,
  submit,
  pendingLabel,
  variant,
  close,
  children,
}: {
  action: FormAction;
  submit: string;
  pendingLabel: string;
  variant: ButtonVariant;
  close: () => void;
  children: (state: ActionState) => ReactNode;
}) {
  const [state, action, pending] = useActionState(run, idleState);
  return (
    <form action={action} className="space-y-4">
      {children(state)}
      <DialogActions
        state={state}
        pending={pending}
        close={close}
        submit={submit}
        pendingLabel={pendingLabel}
        variant={variant === "danger" ? "danger" : "primary"}
      />
    </form>
  );
}

function ActivateDialog({
  slug,
  kid,
  milestone,
}: {
  slug: string;
  kid: string;
  milestone: Milestone | null;
}) {
  const [emergency, setEmergency] = useState(false);
  return (
    <StepDialog
      trigger="Activate…"
      title="Activate this key?"
      submit="Activate key"
      pendingLabel="Activating…"
      action={activateKeyAction.bind(null, slug, kid)}
    >
      {(state) => (
        <>
          <p className="text-sm">
            This key starts signing; the slot&apos;s active key is retired and stays published for
            the overlap.
          </p>
          {milestone && (
            <p className="text-sm">
              <Countdown milestone={milestone} />
            </p>
          )}
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              name="emergency"
              checked={emergency}
              onChange={(e) => setEmergency(e.target.checked)}
            />
            Emergency: activate before its lead is over
          </label>
          <TextField
            label="Reason (recorded in the audit trail)"
            name="reason"
            required={emergency}
            error={state.fieldErrors?.reason}
          />
        </>
      )}
    </StepDialog>
  );
}

function ScheduleDestructionDialog({ slug, kid }: { slug: string; kid: string }) {
  return (
    <StepDialog
      trigger="Schedule destruction…"
      title="Schedule destruction of this key?"
      submit="Schedule destruction"
      pendingLabel="Scheduling…"
      variant="danger"
      action={scheduleDestructionAction.bind(null, slug, kid)}
    >
      {(state) => (
        <>
          <p className="text-sm">
            After the waiting period, and once another member has approved, the private key is wiped
            for good. The public JWK and the history stay. Until then anyone who may revoke keys can
            cancel.
          </p>
          <TextField
            label="Waiting period (days)"
            name="waitingDays"
            type="number"
            min={1}
            max={90}
            defaultValue={30}
            hint="1 to 90 days."
            error={state.fieldErrors?.waitingDays}
          />
        </>
      )}
    </StepDialog>
  );
}

export function LifecycleActions({
  slug,
  keyView: key,
  milestone,
  canManage,
  canRevoke,
  canApprove,
  requestedByMe,
}: {
  slug: string;
  keyView: KeyView;
  milestone: Milestone | null;
  canManage: boolean;
  canRevoke: boolean;
  canApprove: boolean;
  requestedByMe: boolean;
}) {
  const kid = key.kid;
  const pending = key.state === "destroy_scheduled" ? key.destruction : null;
  return (
    <div className="space-y-3">
      <p className="text-sm" aria-live="polite">
        {milestone ? (
          <Countdown milestone={milestone} />
        ) : key.state === "destroyed" ? (
          "The private key is destroyed. The public JWK and the history remain."
        ) : (
          "No further step is scheduled for this key."
        )}
      </p>
      {pending && requestedByMe && !pending.approved && (
        <p className="text-sm text-slate-500">
          You requested this destruction: another member must approve it.
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        {canManage && key.state === "staged" && key.canSign && (
          <ActivateDialog slug={slug} kid={kid} milestone={milestone} />
        )}
        {canManage && key.state === "retired" && (
          <StepDialog
            trigger="Unpublish…"
            title="Unpublish this key?"
            submit="Unpublish key"
            pendingLabel="Unpublishing…"
            action={unpublishKeyAction.bind(null, slug, kid)}
          >
            {() => (
              <p className="text-sm">
                The key leaves the JWKS. Tokens it signed stop verifying once verifiers refetch, so
                this is allowed only after the overlap.
              </p>
            )}
          </StepDialog>
        )}
        {canRevoke && (key.state === "unpublished" || key.state === "revoked") && (
          <ScheduleDestructionDialog slug={slug} kid={kid} />
        )}
        {canApprove && pending && !pending.approved && !requestedByMe && (
          <StepDialog
            trigger="Approve destruction…"
            title="Approve destruction of this key?"
            submit="Approve destruction"
            pendingLabel="Approving…"
            variant="danger"
            action={approveDestructionAction.bind(null, slug, kid)}
          >
            {() => (
              <p className="text-sm">
                You are the second person. When the waiting period is over the private key is wiped
                and cannot be recovered.
              </p>
            )}
          </StepDialog>
        )}
        {canRevoke && pending && (
          <StepDialog
            trigger="Cancel destruction…"
            title="Cancel the destruction of this key?"
            submit="Cancel destruction"
            pendingLabel="Cancelling…"
            action={cancelDestructionAction.bind(null, slug, kid)}
          >
            {() => (
              <p className="text-sm">
                The key returns to the state it had before, and a new request would need a new
                approval.
              </p>
            )}
          </StepDialog>
        )}
      </div>
    </div>
  );
}
