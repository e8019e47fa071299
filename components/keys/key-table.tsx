import Link from "next/link";
import type { KeyListQuery } from "@/lib/keys/list-query";
import { keyStates } from "@/lib/keys/list-query";
import type { KeyView } from "@/lib/keys/present";
import { describeAlgorithm } from "@/lib/crypto/algorithms";
import { keyMilestone, type PolicyRuleView, type TimingView } from "@/lib/rotation/milestones";
import { Button } from "../ui/button";
import { EmptyState } from "../ui/empty-state";
import { StateBadge } from "../ui/state-badge";
import { Time } from "../ui/time";
import { cardClass, inputClass } from "../ui/variants";
import { Countdown } from "./countdown";

function pageHref(slug: string, query: KeyListQuery, page: number) {
  const params = new URLSearchParams();
  if (query.state) params.set("state", query.state);
  if (query.query) params.set("q", query.query);
  if (page > 1) params.set("page", String(page));
  const text = params.toString();
  return `/tenants/${slug}${text ? `?${text}` : ""}`;
}

export function KeyTable({
  slug,
  keys,
  total,
  pageSize,
  query,
  timing,
  policies,
}: {
  slug: string;
  keys: KeyView[];
  total: number;
  pageSize: number;
  query: KeyListQuery;
  timing: TimingView;
  policies: PolicyRuleView[];
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const filtered = Boolean(query.state || query.query);

  return (
    <section className={cardClass} aria-labelledby="keys-heading">
      <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
        <h2 id="keys-heading" className="text-lg font-semibold">
          Keys <span className="text-sm font-normal text-slate-500">({total})</span>
        </h2>
        <form role="search" className="flex flex-wrap items-end gap-2" action={`/tenants/${slug}`}>
          <label className="sr-only" htmlFor="q">
            Search keys
          </label>
          <input
            id="q"
            name="q"
            defaultValue={query.query}
            placeholder="Search kid or algorithm"
            className={`${inputClass} w-56!`}
          />
          <label className="sr-only" htmlFor="state">
            State
          </label>
          <select
            id="state"
            name="state"
            defaultValue={query.state ?? ""}
            className={`${inputClass} w-40!`}
          >
            <option value="">All states</option>
            {keyStates.map((s) => (
              <option key={s} value={s}>
                {s.replace("_", " ")}
              </option>
            ))}
          </select>
          <Button type="submit" variant="secondary">
            Filter
          </Button>
        </form>
      </div>

      {keys.length === 0 ? (
        <EmptyState title={filtered ? "No keys match this filter" : "No keys yet"}>
          {filtered
            ? "Clear the search or choose another state."
            : "Generate a signing key to publish your first JWKS."}
        </EmptyState>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className="text-xs uppercase text-slate-500">
              <tr>
                <th className="py-2 pr-4">kid</th>
                <th className="py-2 pr-4">Algorithm</th>
                <th className="py-2 pr-4">State</th>
                <th className="py-2 pr-4">Created</th>
                <th className="py-2 pr-4">Activated</th>
                <th className="py-2 pr-4">Next step</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
              {keys.map((key) => {
                const milestone = keyMilestone(
                  key,
                  timing,
                  policies.find((p) => p.alg === key.alg),
                );
                return (
                  <tr key={key.kid}>
                    <td className="py-2 pr-4 font-mono">
                      <Link className="underline" href={`/tenants/${slug}/keys/${key.kid}`}>
                        {key.kid.slice(0, 16)}…
                      </Link>
                    </td>
                    <td className="py-2 pr-4">{describeAlgorithm(key.alg)}</td>
                    <td className="py-2 pr-4">
                      <StateBadge state={key.state} />
                    </td>
                    <td className="py-2 pr-4">
                      <Time value={key.createdAt} />
                    </td>
                    <td className="py-2 pr-4">
                      <Time value={key.activatedAt} />
                    </td>
                    <td className="py-2 pr-4">
                      {milestone ? <Countdown milestone={milestone} /> : <Time value={null} />}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      {pages > 1 && (
        <nav aria-label="Pages" className="mt-4 flex items-center justify-between text-sm">
          <span>
            Page {query.page} of {pages}
          </span>
          <span className="flex gap-3">
            {query.page > 1 && <Link href={pageHref(slug, query, query.page - 1)}>Previous</Link>}
            {query.page < pages && <Link href={pageHref(slug, query, query.page + 1)}>Next</Link>}
          </span>
        </nav>
      )}
    </section>
  );
}
