"use client";

import { useActionState } from "react";
import { revokeTokenAction } from "@/lib/actions/tokens";
import { idleState } from "@/lib/actions/state";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { FormMessage } from "../ui/form-message";
import { Time } from "../ui/time";

interface TokenView {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export function TokenRow({ slug, token }: { slug: string; token: TokenView }) {
  const [state, revoke, pending] = useActionState(
    revokeTokenAction.bind(null, slug, token.id),
    idleState,
  );
  return (
    <li className="flex flex-wrap items-center justify-between gap-3 py-3 text-sm">
      <div>
        <p className="font-medium">
          {token.name} <code className="text-xs text-slate-500">{token.prefix}…</code>
        </p>
        <p className="text-slate-500">
          {token.scopes.join(", ")} · created <Time value={token.createdAt} /> · last used{" "}
          <Time value={token.lastUsedAt} />
        </p>
      </div>
      {token.revokedAt ? (
        <span className="text-red-600">
          Revoked <Time value={token.revokedAt} />
        </span>
      ) : (
        <ConfirmDialog trigger="Revoke" title={`Revoke token "${token.name}"?`}>
          {(close) => (
            <form action={revoke} className="space-y-4">
              <p>Services using this token are refused from the next request on.</p>
              <FormMessage state={state} />
              <div className="flex justify-end gap-2">
                <Button type="button" variant="secondary" onClick={close}>
                  Cancel
                </Button>
                <Button type="submit" variant="danger" disabled={pending}>
                  {pending ? "Revoking…" : "Revoke token"}
                </Button>
              </div>
            </form>
          )}
        </ConfirmDialog>
      )}
    </li>
  );
}
