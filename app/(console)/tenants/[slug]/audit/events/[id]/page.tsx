import Link from "next/link";
import { EventDetail } from "@/components/audit/event-detail";
import { Forbidden } from "@/components/ui/forbidden";
import { getTenantAuditEvent } from "@/lib/audit/service";
import { requirePageActor } from "@/lib/auth/session";
import { guardPage } from "@/lib/auth/page-guard";

type Props = { params: Promise<{ slug: string; id: string }> };

export default async function AuditEventPage({ params }: Props) {
  const { slug, id } = await params;
  const actor = await requirePageActor();
  const loaded = await guardPage(getTenantAuditEvent(actor, slug, id));
  if (!loaded.allowed) return <Forbidden message={loaded.message} />;

  return (
    <div className="space-y-6">
      <Link
        href={`/tenants/${slug}/audit`}
        className="text-sm text-indigo-600 underline dark:text-indigo-400"
      >
        ← Audit trail
      </Link>
      <EventDetail
        slug={slug}
        event={loaded.value.event}
        canonical={loaded.value.canonical}
        hashMatches={loaded.value.hashMatches}
      />
    </div>
  );
}
