"use client";

import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from "react";
import { inputClass } from "./variants";

interface FieldProps {
  label: string;
  name: string;
  error?: string;
  hint?: ReactNode;
}

// Ids are unique per rendered field (several dialogs on one page share field names), and
// label, hint and error are wired to the control through them.
function useFieldIds(name: string) {
  const id = `${name}-${useId().replace(/[^a-zA-Z0-9_-]/g, "")}`;
  return { id, hintId: `${id}-hint`, errorId: `${id}-error` };
}

type FieldIds = ReturnType<typeof useFieldIds>;

function describedBy(ids: FieldIds, error?: string, hint?: ReactNode) {
  return (
    [error ? ids.errorId : null, hint ? ids.hintId : null].filter(Boolean).join(" ") || undefined
  );
}

function FieldFrame({
  label,
  ids,
  error,
  hint,
  children,
}: Omit<FieldProps, "name"> & { ids: FieldIds; children: ReactNode }) {
  return (
    <div className="space-y-1">
      <label htmlFor={ids.id} className="block text-sm font-medium">
        {label}
      </label>
      {children}
      {hint && (
        <p id={ids.hintId} className="text-xs text-slate-500 dark:text-slate-400">
          {hint}
        </p>
      )}
      {error && (
        <p id={ids.errorId} className="text-xs text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}

export function TextField({
  label,
  name,
  error,
  hint,
  ...input
}: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  const ids = useFieldIds(name);
  return (
    <FieldFrame label={label} ids={ids} error={error} hint={hint}>
      <input
        id={ids.id}
        name={name}
        className={inputClass}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(ids, error, hint)}
        {...input}
      />
    </FieldFrame>
  );
}

export function SelectField({
  label,
  name,
  error,
  hint,
  options,
  ...select
}: FieldProps &
  SelectHTMLAttributes<HTMLSelectElement> & { options: { value: string; label: string }[] }) {
  const ids = useFieldIds(name);
  return (
    <FieldFrame label={label} ids={ids} error={error} hint={hint}>
      <select
        id={ids.id}
        name={name}
        className={inputClass}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(ids, error, hint)}
        {...select}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}
