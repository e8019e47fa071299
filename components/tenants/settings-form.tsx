"use client";

import { useActionState } from "react";
import { updateTenantAction } from "@/lib/actions/tenants";
import { idleState } from "@/lib/actions/state";
import type { presentTenant } from "@/lib/tenants/present";
import { Button } from "../ui/button";
import { TextField } from "../ui/field";
import { FormMessage } from "../ui/form-message";
import { cardClass } from "../ui/variants";

type TenantView = ReturnType<typeof presentTenant>;

export function SettingsForm({ slug, tenant }: { slug: string; tenant: TenantView }) {
  const [state, action, pending] = useActionState(updateTenantAction.bind(null, slug), idleState);
  const error = state.fieldErrors ?? {};
  return (
    <section className={cardClass} aria-labelledby="settings-heading">
      <h2 id="settings-heading" className="mb-4 text-lg font-semibold">
        Tenant settings
      </h2>
      <form action={action} className="grid gap-4 sm:grid-cols-2">
        <TextField label="Name" name="name" defaultValue={tenant.name} error={error.name} />
        <TextField
          label="Issuer (iss)"
          name="issuer"
          defaultValue={tenant.issuer}
          error={error.issuer}
        />
        <TextField
          label="JWKS max-age (seconds)"
          name="jwksMaxAgeSeconds"
          type="number"
          defaultValue={tenant.jwksMaxAgeSeconds}
          error={error.jwksMaxAgeSeconds}
          hint="Sent as Cache-Control max-age on the JWKS URL. The lead before a staged key may sign is the larger of this and the verifier cache time."
        />
        <TextField
          label="Verifier cache time (seconds)"
          name="verifierCacheSeconds"
          type="number"
          defaultValue={tenant.verifierCacheSeconds}
          error={error.verifierCacheSeconds}
          hint="How long your services keep a JWKS regardless of headers: jose's createRemoteJWKSet 10 minutes, most libraries 5–10 minutes, some gateways hours. It sets the lead (how long a new key is published before it signs) and is part of the overlap."
        />
        <TextField
          label="Longest token lifetime (seconds)"
          name="maxTokenLifetimeSeconds"
          type="number"
          defaultValue={tenant.maxTokenLifetimeSeconds}
          error={error.maxTokenLifetimeSeconds}
          hint="The sign API caps every token at this lifetime. A retired key stays published for this + the verifier cache time + the clock skew (the overlap)."
        />
        <TextField
          label="Allowed clock skew (seconds)"
          name="clockSkewSeconds"
          type="number"
          defaultValue={tenant.clockSkewSeconds}
          error={error.clockSkewSeconds}
          hint="How far your verifiers' clocks may be off; added to the overlap."
        />
        <div className="flex items-center gap-3 sm:col-span-2">
          <Button type="submit" disabled={pending}>
            {pending ? "Saving…" : "Save settings"}
          </Button>
          <FormMessage state={state} />
        </div>
      </form>
    </section>
  );
}
