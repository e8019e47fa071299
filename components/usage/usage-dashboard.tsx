"use client";

import { useState } from "react";
import type { TenantUsage } from "@/lib/usage/service";
import { usageWindows, type UsageWindow } from "@/lib/usage/windows";
import { EmptyState } from "../ui/empty-state";
import { cardClass } from "../ui/variants";
import { ConsumersTable } from "./consumers-table";
import { KeyUsageTable } from "./key-usage-table";
import { REFRESH_MS, useTenantUsage } from "./queries";
import { UsageChart } from "./usage-chart";
import { UsageStats, type UsageTotals } from "./usage-stats";
import { WindowPicker } from "./window-picker";

function totalsOf(usage: TenantUsage): UsageTotals {
  const totals = { signatures: 0, verifications: 0, jwksFetches: 0, jwksNotModified: 0 };
  for (const bucket of usage.series) {
    totals.signatures += bucket.signatures;
    totals.verifications += bucket.verifications;
    totals.jwksFetches += bucket.jwksFetches;
    totals.jwksNotModified += bucket.jwksNotModified;
  }
  return totals;
}

function LiveStatus({
  updatedAt,
  fetching,
  error,
}: {
  updatedAt: number;
  fetching: boolean;
  error: Error | null;
}) {
  return (
    <p className="text-xs text-slate-500 dark:text-slate-400" aria-live="polite" role="status">
      {error ? (
        <span className="text-red-600 dark:text-red-400">
          Could not refresh: {error.message} Retrying.
        </span>
      ) : (
        <>
          <span
            aria-hidden
            className={`mr-1 inline-block h-2 w-2 rounded-full ${fetching ? "bg-amber-500" : "bg-emerald-500"}`}
          />
          Live, every {REFRESH_MS / 1000} s while this tab is visible
          {updatedAt > 0 && (
            <>
              {" "}
              · updated{" "}
              <time suppressHydrationWarning dateTime={new Date(updatedAt).toISOString()}>
                {new Date(updatedAt).toLocaleTimeString()}
              </time>
            </>
          )}
        </>
      )}
    </p>
  );
}

export function UsageDashboard({
  slug,
  initial,
  flushSeconds,
  counting,
}: {
  slug: string;
  initial: TenantUsage;
  flushSeconds: number;
  counting: boolean;
}) {
  const [window, setWindow] = useState<UsageWindow>(initial.window);
  const query = useTenantUsage(slug, window, initial);
  const usage = query.data;
  const unit = usageWindows[window].unit;
  const totals = usage ? totalsOf(usage) : null;
  const empty = totals !== null && Object.values(totals).every((value) => value === 0);

  return (
    <div className="space-y-6">
      <section className={cardClass} aria-labelledby="usage-heading">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div>
            <h2 id="usage-heading" className="text-lg font-semibold">
              Usage
            </h2>
            <p className="text-sm text-slate-500 dark:text-slate-400">
              Counted in memory and written every {flushSeconds} s; the newest counts appear within
              that time. Per {unit}, in your time zone.
            </p>
          </div>
          <WindowPicker value={window} onChange={setWindow} />
        </div>
        <div className="mt-2">
          <LiveStatus
            updatedAt={query.dataUpdatedAt}
            fetching={query.isFetching}
            error={query.isError ? query.error : null}
          />
        </div>
        {!counting && (
          <p className="mt-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
            Usage counting is off on this instance (KEYWARD_USAGE_COUNTING=off): nothing new is
            recorded here.
          </p>
        )}
      </section>

      {!usage || !totals ? (
        <div
          role="status"
          aria-busy="true"
          className={`${cardClass} h-72 animate-pulse text-sm text-slate-500`}
        >
          Loading usage…
        </div>
      ) : (
        <>
          <UsageStats totals={totals} />
          {empty ? (
            <EmptyState title={`No usage in the ${usageWindows[window].label.toLowerCase()}`}>
              Signatures through the sign endpoint, verifications through the verify endpoint and
              JWKS fetches appear here within about {flushSeconds} s.
            </EmptyState>
          ) : (
            <div className="grid gap-6 lg:grid-cols-2">
              <section className={cardClass} aria-labelledby="keys-chart-heading">
                <h3 id="keys-chart-heading" className="mb-2 font-medium">
                  Signatures and verifications per {unit}
                </h3>
                <UsageChart
                  title={`Signatures and verifications per ${unit}`}
                  series={usage.series}
                  window={window}
                  lines={[
                    { field: "signatures", label: "Signatures" },
                    { field: "verifications", label: "Verifications" },
                  ]}
                />
              </section>
              <section className={cardClass} aria-labelledby="jwks-chart-heading">
                <h3 id="jwks-chart-heading" className="mb-2 font-medium">
                  JWKS fetches per {unit}
                </h3>
                <UsageChart
                  title={`JWKS fetches per ${unit}`}
                  series={usage.series}
                  window={window}
                  lines={[
                    { field: "jwksFetches", label: "Fetches" },
                    { field: "jwksNotModified", label: "Not modified (304)" },
                  ]}
                />
              </section>
            </div>
          )}
          <section className={cardClass} aria-labelledby="key-usage-heading">
            <h3 id="key-usage-heading" className="mb-1 font-medium">
              Keys
            </h3>
            <p className="mb-3 text-sm text-slate-500 dark:text-slate-400">
              A retired key is safe to unpublish once it has gone unused for longer than the overlap
              ({Math.round(usage.overlapSeconds / 60)} min: longest token lifetime + verifier cache
              time + clock skew). Keyward sees only its own sign and verify endpoints; the overlap
              covers verifiers that check tokens with a cached JWKS.
            </p>
            <KeyUsageTable slug={slug} keys={usage.keys} />
          </section>
          <section className={cardClass} aria-labelledby="consumers-heading">
            <h3 id="consumers-heading" className="mb-1 font-medium">
              Top JWKS consumers
            </h3>
            <p className="mb-3 text-sm text-slate-500 dark:text-slate-400">
              By User-Agent family only; no addresses or full headers are stored.
            </p>
            <ConsumersTable consumers={usage.jwks.topConsumers} totalFetches={usage.jwks.fetches} />
          </section>
        </>
      )}
    </div>
  );
}
