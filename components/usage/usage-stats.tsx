import { cardClass } from "../ui/variants";
import { seriesColors } from "./colors";

export interface UsageTotals {
  signatures: number;
  verifications: number;
  jwksFetches: number;
  jwksNotModified: number;
}

const stats: { field: keyof UsageTotals; label: string; hint: string }[] = [
  { field: "signatures", label: "Signatures", hint: "tokens signed through Keyward" },
  { field: "verifications", label: "Verifications", hint: "checks through the verify endpoint" },
  { field: "jwksFetches", label: "JWKS fetches", hint: "every request for the key set" },
  { field: "jwksNotModified", label: "Not modified (304)", hint: "fetches answered from cache" },
];

export function UsageStats({ totals }: { totals: UsageTotals }) {
  return (
    <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4">
      {stats.map((stat) => (
        <div key={stat.field} className={cardClass}>
          <dt className="flex items-center gap-2 text-sm text-slate-500 dark:text-slate-400">
            <span
              aria-hidden
              className="inline-block h-2 w-2 rounded-full"
              style={{ background: seriesColors[stat.field] }}
            />
            {stat.label}
          </dt>
          <dd
            className="mt-1 text-2xl font-semibold tabular-nums"
            data-testid={`usage-${stat.field}`}
          >
            {totals[stat.field].toLocaleString("en-US")}
          </dd>
          <dd className="text-xs text-slate-500 dark:text-slate-400">{stat.hint}</dd>
        </div>
      ))}
    </dl>
  );
}
