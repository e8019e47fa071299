"use client";

import { useActionState } from "react";
import { createTenantAction } from "@/lib/actions/tenants";
import { idleState } from "@/lib/actions/state";
import { Button } from "../ui/button";
import { TextField } from "../ui/field";
import { FormMessage } from "../ui/form-message";
import { cardClass } from "../ui/variants";

export function CreateTenantForm() {
  const [state, action, pending] = useActionState(createTenantAction, idleState);
  return (
    <section className={cardClass} aria-labelledby="create-tenant">
      <h2 id="create-tenant" className="mb-4 text-lg font-semibold">
        Create a tenant
      </h2>
      <form
        action={action}
        key={state.ok ? state.at : "form"}
        className="grid gap-4 sm:grid-cols-3"
      >
        <TextField
          label="Slug"
          name="slug"
          required
          placeholder="acme-prod"
          error={state.fieldErrors?.slug}
          hint="Used in the JWKS URL."
        />
        <TextField
          label="Name"
          name="name"
          required
          placeholder="Acme production"
          error={state.fieldErrors?.name}
        />
        <TextField
          label="Issuer (optional)"
          name="issuer"
          placeholder="Defaults to this server's tenant URL"
          error={state.fieldErrors?.issuer}
        />
        <div className="flex items-center gap-3 sm:col-span-3">
          <Button type="submit" disabled={pending}>
            {pending ? "Creating…" : "Create tenant"}
          </Button>
          <FormMessage state={state} />
        </div>
      </form>
    </section>
  );
}
