"use client";

import { useActionState } from "react";
import { revokeKeyAction } from "@/lib/actions/keys";
import { idleState } from "@/lib/actions/state";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { SelectField, TextField } from "../ui/field";
import { FormMessage } from "../ui/form-message";

function RevokeForm({
  slug,
  kid,
  state: keyState,
  close,
}: {
  slug: string;
  kid: string;
  state: string;
  close: () => void;
}) {
  const [state, action, pending] = useActionState(revokeKeyAction.bind(null, slug, kid), idleState);
  return (
    <form action={action} className="space-y-4">
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
      <FormMessage state={state} />
      <div className="flex justify-end gap-2">
        <Button type="button" variant="secondary" onClick={close}>
          {state.ok ? "Close" : "Cancel"}
        </Button>
        {!state.ok && (
          <Button type="submit" variant="danger" disabled={pending}>
            {pending ? "Revoking…" : "Revoke key"}
          </Button>
        )}
      </div>
    </form>
  );
}

export function RevokeKeyDialog({
  slug,
  kid,
  state,
}: {
  slug: string;
  kid: string;
  state: string;
}) {
  return (
    <ConfirmDialog trigger="Revoke…" title="Revoke this key?">
      {(close) => <RevokeForm slug={slug} kid={kid} state={state} close={close} />}
    </ConfirmDialog>
  );
}
