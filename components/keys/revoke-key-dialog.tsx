"use client";

import { useActionState } from "react";
import { revokeKeyAction } from "@/lib/actions/keys";
import { idleState } from "@/lib/actions/state";
import { DialogActions } from "../ui/dialog-actions";
import { useRefreshJwksOnSuccess } from "./queries";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { SelectField, TextField } from "../ui/field";

/** How much the key was used in the last hour, so revoking a key in use is a choice. */
// LIMITATION: the numbers are those of the page's render (and lag by one usage flush); a
// page left open for long shows an older count.
export interface RecentUse {
  signatures: number;
  verifications: number;
}

function RecentUseWarning({ use }: { use: RecentUse }) {
  if (use.signatures === 0 && use.verifications === 0) return null;
  const parts = [
    use.signatures > 0 && `${use.signatures} signature${use.signatures === 1 ? "" : "s"}`,
    use.verifications > 0 &&
      `${use.verifications} verification${use.verifications === 1 ? "" : "s"}`,
  ].filter(Boolean);
  return (
    <p
      data-testid="revoke-usage-warning"
      className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
    >
      <strong>Still in use:</strong> {parts.join(" and ")} in the last hour. Services relying on
      this key will start failing.
    </p>
  );
}

function RevokeForm({
  slug,
  kid,
  state: keyState,
  recentUse,
  close,
}: {
  slug: string;
  kid: string;
  state: string;
  recentUse?: RecentUse;
  close: () => void;
}) {
  const [state, action, pending] = useActionState(revokeKeyAction.bind(null, slug, kid), idleState);
  useRefreshJwksOnSuccess(slug, state);
  return (
    <form action={action} className="space-y-4">
      {recentUse && <RecentUseWarning use={recentUse} />}
      <p className="text-sm">
        Revocation is final. The key leaves the JWKS at once, so every token it signed stops
        verifying as soon as verifiers refetch.{" "}
        {keyState === "active" && (
          <strong>
            This is the active key: signing with its algorithm stops until you rotate.
          </strong>
        )}
      </p>
      <SelectField
        label="Reason"
        name="reason"
        defaultValue="superseded"
        options={[
          { value: "superseded", label: "Superseded" },
          { value: "compromised", label: "Compromised" },
          { value: "other", label: "Other" },
        ]}
        error={state.fieldErrors?.reason}
      />
      <TextField
        label="Note"
        name="note"
        hint="Required when the reason is Other."
        error={state.fieldErrors?.note}
      />
      <DialogActions
        state={state}
        pending={pending}
        close={close}
        submit="Revoke key"
        pendingLabel="Revoking…"
        variant="danger"
      />
    </form>
  );
}

export function RevokeKeyDialog({
  slug,
  kid,
  state,
  recentUse,
}: {
  slug: string;
  kid: string;
  state: string;
  recentUse?: RecentUse;
}) {
  return (
    <ConfirmDialog trigger="Revoke…" title="Revoke this key?">
      {(close) => (
        <RevokeForm slug={slug} kid={kid} state={state} recentUse={recentUse} close={close} />
      )}
    </ConfirmDialog>
  );
}
