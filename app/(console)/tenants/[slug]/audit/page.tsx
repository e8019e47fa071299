import Link from "next/link";
import { AuditFilters } from "@/components/audit/audit-filters";
import { AuditList } from "@/components/audit/audit-list";
import { ChainPanel } from "@/components/audit/chain-panel";
import { ExportLinks } from "@/components/audit/export-links";
import { Forbidden } from "@/components/ui/forbidden";
import { cardClass } from "@/components/ui/variants";
import { filterProblems, filterSearch, rawFilters } from "@/lib/audit/query";
import { listTenantAudit } from "@/lib/audit/service";
import { requirePageActor } from "@/lib/auth/session";
import { guardPage } from "@/lib/auth/page-guard";

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
};

export default async function AuditPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const query = await searchParams;
  const filters = rawFilters(query);
  const problems = filterProblems(query);
  const actor = await requirePageActor();
  const page = await guardPage(
    listTenantAudit(actor, slug, problems ? { limit: 1 } : { ...filters, cursor: query.cursor }),
  );
  if (!page.allowed) return <Forbidden message={page.message} />;

  const filtered = Object.keys(filters).length > 0;
  const { events, nextCursor } = page.value;
  const base = `/tenants/${slug}/audit`;

  return (
    <div className="space-y-6">
      <section className={cardClass} aria-labelledby="audit-heading">
        <div className="mb-1 flex flex-wrap items-start justify-between gap-3">
          <h2 id="audit-heading" className="text-lg font-semibold">
            Audit trail
          </h2>
          {!problems && <ExportLinks slug={slug} filters={filters} />}
        </div>
        <p className="mb-4 text-sm text-slate-500 dark:text-slate-400">
          Every operation on this tenant, newest first. Filters stay in the address, so a view can
          be shared.
        </p>
        <AuditFilters slug={slug} values={filters} errors={problems ?? {}} />
        {problems ? (
          <p role="status" className="text-sm text-red-700 dark:text-red-300">
            Fix the highlighted filter to see events.
          </p>
        ) : (
          <AuditList
            events={events}
            empty={filtered ? "No events match these filters" : "No events recorded yet."}
            emptyHint={filtered ? "Widen the time range or clear a filter." : undefined}
            eventHref={(id) => `${base}/events/${id}`}
          />
        )}
        <nav aria-label="Pages" className="mt-4 flex justify-between text-sm">
          {query.cursor ? <Link href={`${base}${filterSearch(filters)}`}>Newest</Link> : <span />}
          {nextCursor && !problems && (
            <Link href={`${base}${filterSearch(filters, { cursor: nextCursor })}`}>Older</Link>
          )}
        </nav>
      </section>
      <ChainPanel slug={slug} />
    </div>
  );
}
