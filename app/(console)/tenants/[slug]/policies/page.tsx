import { PolicyForm, PolicyList } from "@/components/keys/policy-list";
import { Forbidden } from "@/components/ui/forbidden";
import { requirePageActor } from "@/lib/auth/session";
import { guardPage } from "@/lib/auth/page-guard";
import { can } from "@/lib/authz/authorize";
import { timingView } from "@/lib/rotation/milestones";
import { listTenantPolicies } from "@/lib/rotation/policies";

export default async function PoliciesPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const actor = await requirePageActor();
  const loaded = await guardPage(listTenantPolicies(actor, slug));
  if (!loaded.allowed) return <Forbidden message={loaded.message} />;
  const { policies, tenant } = loaded.value;
  const canManage = can(loaded.value, "tenant.manage");

  return (
    <div className="space-y-6">
      {canManage && <PolicyForm slug={slug} policies={policies} />}
      <PolicyList
        slug={slug}
        policies={policies}
        timing={timingView(tenant)}
        canManage={canManage}
      />
    </div>
  );
}
