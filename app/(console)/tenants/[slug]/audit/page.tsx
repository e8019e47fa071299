import Link from "next/link";
import { AuditList } from "@/components/audit/audit-list";
import { Forbidden } from "@/components/ui/forbidden";
import { cardClass } from "@/components/ui/variants";
import { listTenantAudit } from "@/lib/audit/service";
import { requirePageActor } from "@/lib/auth/session";
import { guardPage } from "@/lib/auth/page-guard";

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
};

export default async function AuditPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const { cursor } = await searchParams;
  const actor = await requirePageActor();
  const page = await guardPage(listTenantAudit(actor, slug, { cursor, limit: 50 }));
  if (!page.allowed) return <Forbidden message={page.message} />;

  return (
    <section className={cardClass} aria-labelledby="audit-heading">
      <h2 id="audit-heading" className="mb-1 text-lg font-semibold">
        Audit trail
      </h2>
      <p className="mb-4 text-sm text-slate-500 dark:text-slate-400">
        Every operation on this tenant, newest first.
      </p>
      <AuditList events={page.value.events} empty="No events recorded yet." />
      <nav aria-label="Pages" className="mt-4 flex justify-between text-sm">
        {cursor ? <Link href={`/tenants/${slug}/audit`}>Newest</Link> : <span />}
        {page.value.nextCursor && (
          <Link href={`/tenants/${slug}/audit?cursor=${page.value.nextCursor}`}>Older</Link>
        )}
      </nav>
    </section>
  );
}
