import { stateBadge } from "./variants";

export function StateBadge({ state }: { state: string }) {
  return (
    <span
      className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ${stateBadge[state] ?? stateBadge.unpublished}`}
    >
      {state.replace("_", " ")}
    </span>
  );
}
