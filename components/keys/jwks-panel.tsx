"use client";

import { CopyButton } from "../ui/copy-button";
import { cardClass } from "../ui/variants";
import { usePublishedJwks } from "./queries";

// What verifiers see right now, fetched from the public URL itself, refreshed while the
// tab is visible (TanStack Query pauses polling in background tabs).
export function JwksPanel({ slug, jwksUrl }: { slug: string; jwksUrl: string }) {
  const path = `/t/${slug}/.well-known/jwks.json`;
  const published = usePublishedJwks(slug);

  return (
    <section className={cardClass} aria-labelledby="jwks-heading">
      <h2 id="jwks-heading" className="text-lg font-semibold">
        JWKS URL
      </h2>
      <p className="text-sm text-slate-500 dark:text-slate-400">
        Point verifiers here. Staged, active and retired keys are published.
      </p>
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <code className="rounded bg-slate-100 px-2 py-1 text-sm break-all dark:bg-slate-800">
          {jwksUrl}
        </code>
        <CopyButton value={jwksUrl} label="Copy URL" />
        <a
          className="text-sm text-indigo-600 underline dark:text-indigo-400"
          href={path}
          target="_blank"
          rel="noreferrer"
        >
          Open
        </a>
        <a
          className="text-sm text-indigo-600 underline dark:text-indigo-400"
          href={`/t/${slug}/.well-known/openid-configuration`}
          target="_blank"
          rel="noreferrer"
        >
          Discovery document
        </a>
      </div>
      <p className="mt-2 text-sm" aria-live="polite" data-testid="jwks-live">
        {published.isPending && "Checking what is published…"}
        {published.isError && "The JWKS URL did not answer; retrying."}
        {published.data &&
          (published.data.keys.length === 0
            ? "Nothing is published yet."
            : `Published now: ${published.data.keys.length} ${published.data.keys.length === 1 ? "key" : "keys"}.`)}
      </p>
    </section>
  );
}
