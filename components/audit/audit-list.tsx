import Link from "next/link";
import type { AuditEventView } from "@/lib/audit/service";
import { EmptyState } from "../ui/empty-state";
import { Time } from "../ui/time";

export const outcomeTone: Record<string, string> = {
  success: "text-emerald-700 dark:text-emerald-300",
  denied: "text-red-700 dark:text-red-300",
  failure: "text-amber-700 dark:text-amber-300",
};

export function AuditList({
  events,
  empty,
  emptyHint,
  eventHref,
}: {
  events: AuditEventView[];
  empty: string;
  emptyHint?: string;
  /** Links each action to the event's own page (auditors only). */
  eventHref?: (id: string) => string;
}) {
  if (events.length === 0) return <EmptyState title={empty}>{emptyHint}</EmptyState>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <thead className="text-xs uppercase text-slate-500">
          <tr>
            <th className="py-2 pr-4">When</th>
            <th className="py-2 pr-4">Action</th>
            <th className="py-2 pr-4">Actor</th>
            <th className="py-2 pr-4">Outcome</th>
            <th className="py-2 pr-4">Details</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
          {events.map((event) => (
            <tr key={event.id} className="align-top">
              <td className="py-2 pr-4 whitespace-nowrap">
                <Time value={event.createdAt} />
              </td>
              <td className="py-2 pr-4 font-mono">
                {eventHref ? (
                  <Link
                    href={eventHref(event.id)}
                    className="text-indigo-700 underline dark:text-indigo-300"
                  >
                    {event.action}
                  </Link>
                ) : (
                  event.action
                )}
              </td>
              <td className="py-2 pr-4">{event.actor.label}</td>
              <td className={`py-2 pr-4 ${outcomeTone[event.outcome] ?? ""}`}>{event.outcome}</td>
              <td className="py-2 pr-4">
                <code className="text-xs break-all">{JSON.stringify(event.details)}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
