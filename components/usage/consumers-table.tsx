import type { TenantUsage } from "@/lib/usage/service";
import { EmptyState } from "../ui/empty-state";

export function ConsumersTable({
  consumers,
  totalFetches,
}: {
  consumers: TenantUsage["jwks"]["topConsumers"];
  totalFetches: number;
}) {
  if (consumers.length === 0) {
    return (
      <EmptyState title="No JWKS fetches in this window">
        Verifiers appear here by User-Agent family once they fetch the key set.
      </EmptyState>
    );
  }
  return (
    <table className="w-full text-left text-sm">
      <thead className="text-xs uppercase text-slate-500">
        <tr>
          <th className="py-2 pr-4">User-Agent family</th>
          <th className="py-2 pr-4 text-right">Fetches</th>
          <th className="py-2 pr-4 text-right">304</th>
          <th className="py-2 pr-4 text-right">Share</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
        {consumers.map((consumer) => (
          <tr key={consumer.family}>
            <td className="py-2 pr-4 font-mono">{consumer.family}</td>
            <td className="py-2 pr-4 text-right tabular-nums">
              {consumer.fetches.toLocaleString("en-US")}
            </td>
            <td className="py-2 pr-4 text-right tabular-nums">
              {consumer.notModified.toLocaleString("en-US")}
            </td>
            <td className="py-2 pr-4 text-right tabular-nums">
              {totalFetches > 0 ? `${Math.round((consumer.fetches / totalFetches) * 100)} %` : "—"}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
