import { AddMemberForm } from "@/components/members/add-member-form";
import { MemberRow } from "@/components/members/member-row";
import { Forbidden } from "@/components/ui/forbidden";
import { cardClass } from "@/components/ui/variants";
import { requirePageActor } from "@/lib/auth/session";
import { guardPage } from "@/lib/auth/page-guard";
import { listTenantMembers } from "@/lib/members/service";

export default async function MembersPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const actor = await requirePageActor();
  const loaded = await guardPage(listTenantMembers(actor, slug));
  if (!loaded.allowed) return <Forbidden message={loaded.message} />;

  return (
    <div className="space-y-6">
      <AddMemberForm slug={slug} />
      <section className={cardClass} aria-labelledby="members-heading">
        <h2 id="members-heading" className="mb-3 text-lg font-semibold">
          Members
        </h2>
        {loaded.value.members.length === 0 ? (
          <p className="text-sm text-slate-500">
            No members yet. Instance administrators can always manage this tenant.
          </p>
        ) : (
          <ul className="divide-y divide-slate-200 dark:divide-slate-800">
            {loaded.value.members.map((m) => (
              <MemberRow
                key={m.userId}
                slug={slug}
                userId={m.userId}
                email={m.user.email}
                name={m.user.name}
                role={m.role}
              />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
