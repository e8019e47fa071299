"use client";

import { useActionState, useState } from "react";
import { selfSignCertificateAction, uploadCertificateAction } from "@/lib/actions/certificates";
import { idleState } from "@/lib/actions/state";
import { DialogActions } from "../ui/dialog-actions";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { TextField } from "../ui/field";
import { inputClass } from "../ui/variants";

function SelfSignedForm({ slug, kid, close }: { slug: string; kid: string; close: () => void }) {
  const [state, action, pending] = useActionState(
    selfSignCertificateAction.bind(null, slug, kid),
    idleState,
  );
  return (
    <form action={action} className="space-y-4">
      <TextField
        label="Subject"
        name="subject"
        required
        defaultValue={`CN=${slug}`}
        hint="A distinguished name, such as CN=api.example.com, O=Example."
        error={state.fieldErrors?.subject}
      />
      <TextField
        label="Valid for (days)"
        name="days"
        type="number"
        min={1}
        max={3650}
        defaultValue={365}
        required
        error={state.fieldErrors?.days}
      />
      <DialogActions
        state={state}
        pending={pending}
        close={close}
        submit="Create certificate"
        pendingLabel="Signing…"
      />
    </form>
  );
}

function UploadForm({ slug, kid, close }: { slug: string; kid: string; close: () => void }) {
  const [state, action, pending] = useActionState(
    uploadCertificateAction.bind(null, slug, kid),
    idleState,
  );
  const error = state.fieldErrors?.pem;
  return (
    <form action={action} className="space-y-4">
      <div className="space-y-1">
        <label htmlFor="certificate-pem" className="block text-sm font-medium">
          Certificate chain (PEM)
        </label>
        <textarea
          id="certificate-pem"
          name="pem"
          rows={8}
          required
          spellCheck={false}
          className={`${inputClass} font-mono text-xs`}
          aria-invalid={error ? true : undefined}
          aria-describedby="certificate-pem-hint"
          placeholder={"-----BEGIN CERTIFICATE-----\n…"}
        />
        <p id="certificate-pem-hint" className="text-xs text-slate-500 dark:text-slate-400">
          This key&apos;s own certificate first, then each issuer. Never paste a private key here.
        </p>
      </div>
      <DialogActions
        state={state}
        pending={pending}
        close={close}
        submit="Attach chain"
        pendingLabel="Checking…"
      />
    </form>
  );
}

/** Attach or replace a key's certificate; replacing changes what verifiers see as x5c. */
export function CertificateForm({
  slug,
  kid,
  canSelfSign,
  replacing,
}: {
  slug: string;
  kid: string;
  canSelfSign: boolean;
  replacing: boolean;
}) {
  const [mode, setMode] = useState<"self" | "upload">(canSelfSign ? "self" : "upload");
  return (
    <ConfirmDialog
      trigger={replacing ? "Replace certificate…" : "Attach a certificate…"}
      title="Attach a certificate"
      triggerVariant="secondary"
    >
      {(close) => (
        <div className="space-y-4">
          {replacing && (
            <p className="text-sm">
              This key has a certificate: a new one replaces it in the JWKS (x5c) and at the public
              certificate URL.
            </p>
          )}
          <fieldset className="flex gap-4 text-sm">
            <legend className="sr-only">Certificate source</legend>
            <label className="flex items-center gap-2">
              <input
                type="radio"
                name="certificate-mode"
                checked={mode === "self"}
                disabled={!canSelfSign}
                onChange={() => setMode("self")}
              />
              Self-signed by this key
            </label>
            <label className="flex items-center gap-2">
              <input
                type="radio"
                name="certificate-mode"
                checked={mode === "upload"}
                onChange={() => setMode("upload")}
              />
              Upload a chain
            </label>
          </fieldset>
          {mode === "self" ? (
            <SelfSignedForm slug={slug} kid={kid} close={close} />
          ) : (
            <UploadForm slug={slug} kid={kid} close={close} />
          )}
        </div>
      )}
    </ConfirmDialog>
  );
}
