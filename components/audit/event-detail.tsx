import Link from "next/link";
import type { ReactNode } from "react";
import type { AuditEventView } from "@/lib/audit/service";
import { CopyButton } from "../ui/copy-button";
import { Time } from "../ui/time";
import { cardClass } from "../ui/variants";
import { outcomeTone } from "./audit-list";

export function EventDetail({
  slug,
  event,
  canonical,
  hashMatches,
}: {
  slug: string;
  event: AuditEventView;
  canonical: string;
  hashMatches: boolean;
}) {
  const facts: [string, ReactNode][] = [
    [
      "Event",
      <span key="id" className="font-mono">
        {event.id}
      </span>,
    ],
    ["When", <Time key="t" value={event.createdAt} />],
    [
      "Action",
      <span key="a" className="font-mono">
        {event.action}
      </span>,
    ],
    [
      "Outcome",
      <span key="o" className={outcomeTone[event.outcome]}>
        {event.outcome}
      </span>,
    ],
    [
      "Actor",
      `${event.actor.label} (${event.actor.type}${event.actor.id ? ` ${event.actor.id}` : ""})`,
    ],
    ["Target", event.target ? `${event.target.type} ${event.target.id ?? ""}` : "—"],
    [
      "Key",
      event.kid ? (
        <Link
          key="k"
          className="font-mono break-all underline"
          href={`/tenants/${slug}/keys/${encodeURIComponent(event.kid)}`}
        >
          {event.kid}
        </Link>
      ) : (
        "—"
      ),
    ],
    ["From", event.ip ?? "—"],
  ];

  return (
    <>
      <section className={cardClass} aria-labelledby="event-heading">
        <h2 id="event-heading" className="mb-3 text-lg font-semibold">
          Audit event {event.id}
        </h2>
        <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
          {facts.map(([label, value]) => (
            <div key={label} className="flex gap-2">
              <dt className="w-20 shrink-0 text-slate-500">{label}</dt>
              <dd className="min-w-0 break-words">{value}</dd>
            </div>
          ))}
        </dl>
        <h3 className="mt-4 mb-1 text-sm font-medium">Details</h3>
        <pre className="overflow-x-auto rounded bg-slate-100 p-3 text-xs dark:bg-slate-800">
          {JSON.stringify(event.details, null, 2)}
        </pre>
      </section>
      <section className={cardClass} aria-labelledby="chain-fields-heading">
        <h2 id="chain-fields-heading" className="mb-1 text-lg font-semibold">
          Chain fields
        </h2>
        <p className="mb-3 text-sm text-slate-500 dark:text-slate-400">
          hash = SHA-256 of prev_hash, a newline, and the canonical form below.{" "}
          <span role="status" className={hashMatches ? outcomeTone.success : outcomeTone.denied}>
            {hashMatches
              ? "This event's content matches its hash."
              : "This event's content does not match its hash: it was edited."}
          </span>
        </p>
        <dl className="space-y-2 text-xs">
          <div>
            <dt className="text-slate-500">prev_hash</dt>
            <dd className="font-mono break-all">{event.prevHash}</dd>
          </div>
          <div>
            <dt className="text-slate-500">hash</dt>
            <dd className="font-mono break-all">{event.hash}</dd>
          </div>
          <div>
            <dt className="mb-1 flex items-center gap-2 text-slate-500">
              canonical form <CopyButton value={canonical} label="Copy canonical form" />
            </dt>
            <dd>
              <pre className="overflow-x-auto rounded bg-slate-100 p-3 dark:bg-slate-800">
                {canonical}
              </pre>
            </dd>
          </div>
        </dl>
      </section>
    </>
  );
}
