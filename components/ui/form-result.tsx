import type { ActionState } from "@/lib/actions/state";
import { CopyButton } from "./copy-button";
import { FormMessage } from "./form-message";

/** A form's summary message and, when the action produced one, its show-once secret. */
export function FormResult({ state }: { state: ActionState }) {
  return (
    <div className="mt-3 space-y-2">
      <FormMessage state={state} />
      {state.secret && (
        <div className="flex flex-wrap items-center gap-2">
          <code
            data-testid="one-time-secret"
            className="rounded bg-slate-100 px-2 py-1 text-sm break-all dark:bg-slate-800"
          >
            {state.secret}
          </code>
          <CopyButton value={state.secret} />
        </div>
      )}
    </div>
  );
}
