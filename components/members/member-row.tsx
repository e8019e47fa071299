"use client";

import { useActionState } from "react";
import { changeRoleAction, removeMemberAction } from "@/lib/actions/members";
import { idleState } from "@/lib/actions/state";
import { roleLabels } from "@/lib/authz/permissions";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { FormMessage } from "../ui/form-message";
import { inputClass } from "../ui/variants";

interface Props {
  slug: string;
  userId: string;
  email: string;
  name: string;
  role: keyof typeof roleLabels;
}

export function MemberRow({ slug, userId, email, name, role }: Props) {
  const [roleState, changeRole, changing] = useActionState(
    changeRoleAction.bind(null, slug, userId),
    idleState,
  );
  const [removeState, remove, removing] = useActionState(
    removeMemberAction.bind(null, slug, userId),
    idleState,
  );

  return (
    <li className="flex flex-wrap items-center justify-between gap-3 py-3">
      <div className="text-sm">
        <p className="font-medium">{name}</p>
        <p className="text-slate-500">{email}</p>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <form action={changeRole} className="flex items-center gap-2">
          <label className="sr-only" htmlFor={`role-${userId}`}>
            Role of {email}
          </label>
          <select
            id={`role-${userId}`}
            name="role"
            defaultValue={role}
            className={`${inputClass} w-40!`}
          >
            {Object.entries(roleLabels).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
          <Button type="submit" variant="secondary" disabled={changing}>
            {changing ? "Saving…" : "Change role"}
          </Button>
        </form>
        <ConfirmDialog trigger="Remove" title={`Remove ${email}?`}>
          {(close) => (
            <form action={remove} className="space-y-4">
              <p className="text-sm">
                {email} loses access to this tenant at once. Their account stays.
              </p>
              <FormMessage state={removeState} />
              <div className="flex justify-end gap-2">
                <Button type="button" variant="secondary" onClick={close}>
                  Cancel
                </Button>
                <Button type="submit" variant="danger" disabled={removing}>
                  {removing ? "Removing…" : "Remove member"}
                </Button>
              </div>
            </form>
          )}
        </ConfirmDialog>
        <FormMessage state={roleState} />
      </div>
    </li>
  );
}
