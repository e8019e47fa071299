import type { KeyUsage } from "@/lib/usage/service";
import { usageWindows, type UsageWindow } from "@/lib/usage/windows";
import { Time } from "../ui/time";
import { cardClass } from "../ui/variants";

const safeTone =
  "border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100";
const neutralTone =
  "border-slate-200 bg-slate-50 text-slate-700 dark:border-slate-700 dark:bg-slate-800 dark:text-slate-200";

/** One key's counters on its page: last hour, day and 30 days, last use, retirement. */
export function KeyUsagePanel({ slug, usage }: { slug: string; usage: KeyUsage }) {
  return (
    <section className={cardClass} aria-labelledby="key-usage-heading">
      <div className="mb-3 flex items-baseline justify-between">
        <h2 id="key-usage-heading" className="text-lg font-semibold">
          Usage
        </h2>
        <a
          className="text-sm text-indigo-600 underline dark:text-indigo-400"
          href={`/tenants/${slug}/usage`}
        >
          Tenant dashboard
        </a>
      </div>
      <table className="w-full max-w-xl text-left text-sm">
        <thead className="text-xs uppercase text-slate-500">
          <tr>
            <th className="py-1 pr-4">Window</th>
            <th className="py-1 pr-4 text-right">Signatures</th>
            <th className="py-1 pr-4 text-right">Verifications</th>
          </tr>
        </thead>
        <tbody>
          {(Object.keys(usageWindows) as UsageWindow[]).map((window) => (
            <tr key={window} data-testid={`key-usage-${window}`}>
              <td className="py-1 pr-4">{usageWindows[window].label}</td>
              <td className="py-1 pr-4 text-right tabular-nums">
                {usage.windows[window].signatures.toLocaleString("en-US")}
              </td>
              <td className="py-1 pr-4 text-right tabular-nums">
                {usage.windows[window].verifications.toLocaleString("en-US")}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-3 text-sm">
        <span className="text-slate-500">Last use: </span>
        <Time value={usage.lastUsedAt} />
      </p>
      <p
        className={`mt-3 rounded-md border px-3 py-2 text-sm ${usage.safeToRetire ? safeTone : neutralTone}`}
        data-testid="key-retirement"
      >
        {usage.safeToRetireReason}
      </p>
    </section>
  );
}
