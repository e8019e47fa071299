import type { ActionState } from "@/lib/actions/state";

/** The one summary line under a form; announced politely to screen readers. */
export function FormMessage({ state }: { state: ActionState }) {
  if (!state.message) return null;
  const tone = state.ok
    ? "border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100"
    : "border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100";
  return (
    <p role="status" aria-live="polite" className={`rounded-md border px-3 py-2 text-sm ${tone}`}>
      {state.message}
    </p>
  );
}
