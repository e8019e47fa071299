"use client";

import { useActionState } from "react";
import { changePasswordAction } from "@/lib/actions/account";
import { idleState } from "@/lib/actions/state";
import { Button } from "../ui/button";
import { TextField } from "../ui/field";
import { FormMessage } from "../ui/form-message";
import { cardClass } from "../ui/variants";

export function ChangePasswordForm() {
  const [state, action, pending] = useActionState(changePasswordAction, idleState);
  const errors = state.fieldErrors ?? {};
  return (
    <section className={`${cardClass} max-w-md`} aria-labelledby="password-heading">
      <h2 id="password-heading" className="mb-4 text-lg font-semibold">
        Change password
      </h2>
      <form action={action} key={state.ok ? state.at : "form"} className="space-y-4">
        <TextField
          label="Current password"
          name="current"
          type="password"
          autoComplete="current-password"
          required
          error={errors.current}
        />
        <TextField
          label="New password"
          name="next"
          type="password"
          autoComplete="new-password"
          required
          minLength={12}
          hint="At least 12 characters."
          error={errors.next}
        />
        <TextField
          label="Repeat the new password"
          name="confirm"
          type="password"
          autoComplete="new-password"
          required
          error={errors.confirm}
        />
        <Button type="submit" disabled={pending}>
          {pending ? "Changing…" : "Change password"}
        </Button>
      </form>
      <div className="mt-3">
        <FormMessage state={state} />
      </div>
    </section>
  );
}
