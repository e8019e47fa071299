"use client";

import { useActionState, useRef } from "react";
import { importKeysAction } from "@/lib/actions/import";
import { idleState } from "@/lib/actions/state";
import { describeAlgorithm, keyAlgorithms } from "@/lib/crypto/algorithms";
import { Button } from "../ui/button";
import { SelectField } from "../ui/field";
import { FormMessage } from "../ui/form-message";
import { cardClass, inputClass } from "../ui/variants";

const placeholder = `-----BEGIN PRIVATE KEY-----
…
-----END PRIVATE KEY-----

or {"kty":"EC","crv":"P-256",…}  or  {"keys":[…]}`;

export function ImportKeyForm({ slug }: { slug: string }) {
  const [state, action, pending] = useActionState(importKeysAction.bind(null, slug), idleState);
  const text = useRef<HTMLTextAreaElement>(null);
  const error = state.fieldErrors?.material;

  // Reads a chosen file into the text box; nothing is sent until the form is submitted.
  async function loadFile(file: File | undefined) {
    if (file && text.current) text.current.value = await file.text();
  }

  return (
    <section className={cardClass} aria-labelledby="import-heading">
      <h2 id="import-heading" className="mb-1 text-lg font-semibold">
        Import a key
      </h2>
      <p className="mb-4 text-sm text-slate-500 dark:text-slate-400">
        A PEM key (PKCS#8, PKCS#1, SEC1, or SPKI for a public key that only verifies), a JWK, or a
        whole JWKS. Private halves are encrypted at once and never shown again. A public-only key is
        published for verification and never signs.
      </p>
      <form action={action} key={state.ok ? state.at : "form"} className="space-y-4">
        <div className="space-y-1">
          <label htmlFor="material" className="block text-sm font-medium">
            Key material
          </label>
          <textarea
            id="material"
            name="material"
            ref={text}
            rows={10}
            spellCheck={false}
            autoComplete="off"
            placeholder={placeholder}
            className={`${inputClass} font-mono text-xs`}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "material-error" : "material-hint"}
          />
          <p id="material-hint" className="text-xs text-slate-500 dark:text-slate-400">
            At most 100 keys per JWKS; entries Keyward cannot use are skipped with a warning.
          </p>
          {error && (
            <p id="material-error" className="text-xs text-red-600 dark:text-red-400">
              {error}
            </p>
          )}
        </div>
        <div className="flex flex-wrap items-end gap-4">
          <div className="space-y-1">
            <label htmlFor="material-file" className="block text-sm font-medium">
              Or read a file
            </label>
            <input
              id="material-file"
              type="file"
              accept=".pem,.key,.pub,.json,.jwk,.jwks,text/plain,application/json"
              className="text-sm"
              onChange={(e) => loadFile(e.target.files?.[0])}
            />
          </div>
          <div className="w-72">
            <SelectField
              label="Algorithm"
              name="alg"
              defaultValue=""
              hint="Needed for RSA keys and secrets; EC and Ed25519 keys name it by their curve."
              options={[
                { value: "", label: "From the key" },
                ...keyAlgorithms.map((a) => ({ value: a, label: describeAlgorithm(a) })),
              ]}
              error={state.fieldErrors?.alg}
            />
          </div>
          <Button type="submit" disabled={pending}>
            {pending ? "Importing…" : "Import"}
          </Button>
        </div>
      </form>
      <div className="mt-3 space-y-2">
        <FormMessage state={state} />
        {state.notes && state.notes.length > 0 && (
          <ul
            aria-label="Import warnings"
            className="list-disc space-y-1 pl-5 text-sm text-amber-800 dark:text-amber-200"
          >
            {state.notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
