import type { ActionState } from "@/lib/actions/state";
import { Button } from "./button";
import { FormMessage } from "./form-message";
import type { ButtonVariant } from "./variants";

/**
 * The foot of every confirmation dialog's form: the action's message, Cancel (Close once
 * it succeeded) and the submit button, which disappears after success so nothing runs twice.
 */
export function DialogActions({
  state,
  pending,
  close,
  submit,
  pendingLabel,
  variant = "primary",
}: {
  state: ActionState;
  pending: boolean;
  close: () => void;
  submit: string;
  pendingLabel: string;
  variant?: ButtonVariant;
}) {
  return (
    <>
      <FormMessage state={state} />
      <div className="flex justify-end gap-2">
        <Button type="button" variant="secondary" onClick={close}>
          {state.ok ? "Close" : "Cancel"}
        </Button>
        {!state.ok && (
          <Button type="submit" variant={variant} disabled={pending}>
            {pending ? pendingLabel : submit}
          </Button>
        )}
      </div>
    </>
  );
}
