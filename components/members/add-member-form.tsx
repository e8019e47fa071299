"use client";

import { useActionState } from "react";
import { addMemberAction } from "@/lib/actions/members";
import { idleState } from "@/lib/actions/state";
import { roleLabels } from "@/lib/authz/permissions";
import { Button } from "../ui/button";
import { SelectField, TextField } from "../ui/field";
import { FormResult } from "../ui/form-result";
import { cardClass } from "../ui/variants";

const roleOptions = Object.entries(roleLabels).map(([value, label]) => ({ value, label }));

export function AddMemberForm({ slug }: { slug: string }) {
  const [state, action, pending] = useActionState(addMemberAction.bind(null, slug), idleState);
  return (
    <section className={cardClass} aria-labelledby="add-member">
      <h2 id="add-member" className="mb-4 text-lg font-semibold">
        Add a member
      </h2>
      <form
        action={action}
        key={state.ok ? state.at : "form"}
        className="grid gap-4 sm:grid-cols-4"
      >
        <TextField
          label="Email"
          name="email"
          type="email"
          required
          error={state.fieldErrors?.email}
        />
        <TextField label="Name" name="name" error={state.fieldErrors?.name} />
        <SelectField
          label="Role"
          name="role"
          defaultValue="viewer"
          options={roleOptions}
          error={state.fieldErrors?.role}
        />
        <div className="flex items-end">
          <Button type="submit" disabled={pending}>
            {pending ? "Adding…" : "Add member"}
          </Button>
        </div>
      </form>
      <FormResult state={state} />
    </section>
  );
}
