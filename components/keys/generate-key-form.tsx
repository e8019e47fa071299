"use client";

import { useActionState, useState } from "react";
import { generateKeyAction } from "@/lib/actions/keys";
import { idleState } from "@/lib/actions/state";
import {
  describeAlgorithm,
  isRsaAlgorithm,
  isSymmetricAlgorithm,
  keyAlgorithms,
} from "@/lib/crypto/algorithms";
import { Button } from "../ui/button";
import { SelectField } from "../ui/field";
import { FormMessage } from "../ui/form-message";
import { cardClass } from "../ui/variants";
import { useRefreshJwksOnSuccess } from "./queries";

export function GenerateKeyForm({ slug }: { slug: string }) {
  const [state, action, pending] = useActionState(generateKeyAction.bind(null, slug), idleState);
  const [alg, setAlg] = useState<string>("ES256");
  useRefreshJwksOnSuccess(slug, state);

  return (
    <section className={cardClass} aria-labelledby="generate-heading">
      <h2 id="generate-heading" className="mb-1 text-lg font-semibold">
        Generate a signing key
      </h2>
      <p className="mb-4 text-sm text-slate-500 dark:text-slate-400">
        The first key of an algorithm becomes active; later ones are staged for the next rotation.
      </p>
      <form action={action} className="flex flex-wrap items-end gap-4">
        <div className="w-64">
          <SelectField
            label="Algorithm"
            name="alg"
            // Uncontrolled and remounted after each submission: React resets forms after an
            // action, which would otherwise leave the select and `alg` disagreeing.
            key={state.at ?? "initial"}
            defaultValue={alg}
            onChange={(e) => setAlg(e.target.value)}
            options={keyAlgorithms.map((a) => ({ value: a, label: describeAlgorithm(a) }))}
            error={state.fieldErrors?.alg}
            hint={
              isSymmetricAlgorithm(alg)
                ? alg === "A256GCM"
                  ? "A secret for encryption: stored encrypted, never shown or published; it cannot sign."
                  : "A shared secret: stored encrypted, never shown or published; signs through the API only."
                : undefined
            }
          />
        </div>
        {isRsaAlgorithm(alg) && (
          <div className="w-40">
            <SelectField
              label="Modulus"
              name="modulusLength"
              defaultValue="2048"
              options={["2048", "3072", "4096"].map((v) => ({ value: v, label: `${v} bits` }))}
              error={state.fieldErrors?.modulusLength}
            />
          </div>
        )}
        <Button type="submit" disabled={pending}>
          {pending ? "Generating…" : "Generate key"}
        </Button>
      </form>
      <div className="mt-3">
        <FormMessage state={state} />
      </div>
    </section>
  );
}
