"use client";

import { useActionState } from "react";
import { createTokenAction } from "@/lib/actions/tokens";
import { idleState } from "@/lib/actions/state";
import { Button } from "../ui/button";
import { TextField } from "../ui/field";
import { FormResult } from "../ui/form-result";
import { cardClass } from "../ui/variants";

const scopeText: Record<string, string> = {
  "keys:read": "Read keys",
  "keys:rotate": "Generate and rotate keys",
  "keys:sign": "Sign tokens with the active key",
  "audit:read": "Read the audit trail",
};

export function CreateTokenForm({ slug }: { slug: string }) {
  const [state, action, pending] = useActionState(createTokenAction.bind(null, slug), idleState);
  return (
    <section className={cardClass} aria-labelledby="create-token">
      <h2 id="create-token" className="mb-4 text-lg font-semibold">
        Create an API token
      </h2>
      <form action={action} key={state.ok ? state.at : "form"} className="space-y-4">
        <div className="max-w-sm">
          <TextField
            label="Name"
            name="name"
            required
            placeholder="checkout-service"
            error={state.fieldErrors?.name}
          />
        </div>
        <fieldset aria-describedby={state.fieldErrors?.scopes ? "scopes-error" : undefined}>
          <legend className="text-sm font-medium">Scopes</legend>
          <div className="mt-2 flex flex-wrap gap-4">
            {Object.entries(scopeText).map(([scope, label]) => (
              <label key={scope} className="flex items-center gap-2 text-sm">
                <input type="checkbox" name="scopes" value={scope} />
                {label} <code className="text-xs text-slate-500">{scope}</code>
              </label>
            ))}
          </div>
          {state.fieldErrors?.scopes && (
            <p id="scopes-error" className="mt-1 text-xs text-red-600">
              {state.fieldErrors.scopes}
            </p>
          )}
        </fieldset>
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create token"}
        </Button>
      </form>
      <FormResult state={state} />
    </section>
  );
}
