import Link from "next/link";
import { knownActions, outcomes } from "@/lib/audit/query";
import { Button } from "../ui/button";
import { SelectField, TextField } from "../ui/field";
import { buttonBase, buttonVariants } from "../ui/variants";

// A plain GET form: every filter lands in the URL, so a view is shared by copying it, and
// it works before any JavaScript loads.

export function AuditFilters({
  slug,
  values,
  errors = {},
}: {
  slug: string;
  values: Record<string, string>;
  errors?: Record<string, string>;
}) {
  const field = (name: string) => ({
    name,
    defaultValue: values[name] ?? "",
    error: errors[name],
  });

  return (
    <form
      role="search"
      aria-label="Filter events"
      action={`/tenants/${slug}/audit`}
      className="mb-4 grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4"
    >
      <TextField
        label="Action"
        list="audit-actions"
        placeholder="key.rotated"
        {...field("action")}
      />
      <datalist id="audit-actions">
        {knownActions.map((action) => (
          <option key={action} value={action} />
        ))}
      </datalist>
      <TextField label="Actor" placeholder="email, token:name or id" {...field("actor")} />
      <TextField label="Key ID" placeholder="kid" {...field("kid")} />
      <SelectField
        label="Outcome"
        options={[
          { value: "", label: "Any outcome" },
          ...outcomes.map((o) => ({ value: o, label: o })),
        ]}
        {...field("outcome")}
      />
      <TextField
        label="From"
        placeholder="2026-03-01 or 2026-03-01T14:30"
        hint="UTC, inclusive"
        {...field("from")}
      />
      <TextField
        label="To"
        placeholder="2026-03-31"
        hint="UTC; a date includes that day"
        {...field("to")}
      />
      <TextField
        label="Search details"
        type="search"
        placeholder="words in details"
        {...field("q")}
      />
      <div className="flex items-end gap-2">
        <Button type="submit">Apply filters</Button>
        <Link href={`/tenants/${slug}/audit`} className={`${buttonBase} ${buttonVariants.ghost}`}>
          Clear
        </Link>
      </div>
    </form>
  );
}
