import { GenerateKeyForm } from "@/components/keys/generate-key-form";
import { ImportKeyLink } from "@/components/keys/import-key-link";
import { JwksPanel } from "@/components/keys/jwks-panel";
import { KeyTable } from "@/components/keys/key-table";
import { SlotList } from "@/components/keys/slot-list";
import { Forbidden } from "@/components/ui/forbidden";
import { requirePageActor } from "@/lib/auth/session";
import { guardPage } from "@/lib/auth/page-guard";
import { can } from "@/lib/authz/authorize";
import { env } from "@/lib/env";
import { keyListQuery } from "@/lib/keys/list-query";
import { presentKey } from "@/lib/keys/present";
import { listTenantKeys } from "@/lib/keys/service";
import { timingView } from "@/lib/rotation/milestones";
import { listTenantPolicies } from "@/lib/rotation/policies";

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
};

export default async function KeysPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const query = keyListQuery(await searchParams);
  const actor = await requirePageActor();
  const [listing, slots, rules] = await Promise.all([
    guardPage(listTenantKeys(actor, slug, query)),
    guardPage(listTenantKeys(actor, slug, { pageSize: 500 })),
    guardPage(listTenantPolicies(actor, slug)),
  ]);
  if (!listing.allowed || !slots.allowed || !rules.allowed)
    return <Forbidden message={listing.allowed ? "" : listing.message} />;

  const { keys, total, pageSize } = listing.value;
  const canManage = can(listing.value, "keys.manage");
  const timing = timingView(listing.value.tenant);
  const policies = rules.value.policies;
  const jwksUrl = `${env().publicUrl}/t/${slug}/.well-known/jwks.json`;

  return (
    <div className="space-y-6">
      <JwksPanel slug={slug} jwksUrl={jwksUrl} />
      {canManage && <GenerateKeyForm slug={slug} />}
      {canManage && <ImportKeyLink slug={slug} />}
      <SlotList
        slug={slug}
        keys={slots.value.keys.map(presentKey)}
        canManage={canManage}
        timing={timing}
        policies={policies}
      />
      <KeyTable
        slug={slug}
        keys={keys.map(presentKey)}
        total={total}
        pageSize={pageSize}
        query={query}
        timing={timing}
        policies={policies}
      />
    </div>
  );
}
