import Link from "next/link";
import type { TenantUsage } from "@/lib/usage/service";
import { EmptyState } from "../ui/empty-state";
import { StateBadge } from "../ui/state-badge";
import { Time } from "../ui/time";

const safeBadge =
  "inline-flex rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-medium text-emerald-800 dark:bg-emerald-900/50 dark:text-emerald-200";

export function KeyUsageTable({ slug, keys }: { slug: string; keys: TenantUsage["keys"] }) {
  if (keys.length === 0) {
    return (
      <EmptyState title="No keys yet">Generate a signing key; its usage will show here.</EmptyState>
    );
  }
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <thead className="text-xs uppercase text-slate-500">
          <tr>
            <th className="py-2 pr-4">kid</th>
            <th className="py-2 pr-4">State</th>
            <th className="py-2 pr-4 text-right">Signatures</th>
            <th className="py-2 pr-4 text-right">Verifications</th>
            <th className="py-2 pr-4">Last use</th>
            <th className="py-2 pr-4">Retirement</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
          {keys.map((key) => (
            <tr key={key.kid} data-testid={`key-usage-${key.kid}`}>
              <td className="py-2 pr-4 font-mono">
                <Link className="underline" href={`/tenants/${slug}/keys/${key.kid}`}>
                  {key.kid.slice(0, 16)}…
                </Link>
                <span className="ml-2 font-sans text-xs text-slate-500">{key.alg}</span>
              </td>
              <td className="py-2 pr-4">
                <StateBadge state={key.state} />
              </td>
              <td className="py-2 pr-4 text-right tabular-nums" data-testid="key-signatures">
                {key.signatures.toLocaleString("en-US")}
              </td>
              <td className="py-2 pr-4 text-right tabular-nums">
                {key.verifications.toLocaleString("en-US")}
              </td>
              <td className="py-2 pr-4">
                <Time value={key.lastUsedAt} />
              </td>
              <td className="max-w-sm py-2 pr-4 text-xs text-slate-600 dark:text-slate-300">
                {key.safeToRetire && <span className={`${safeBadge} mb-1`}>Safe to unpublish</span>}
                <p>{key.safeToRetireReason}</p>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
