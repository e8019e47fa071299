import Link from "next/link";
import { AuditList } from "@/components/audit/audit-list";
import { LifecycleActions } from "@/components/keys/lifecycle-actions";
import { CertificatePanel } from "@/components/keys/certificate-panel";
import { ImportOriginNote } from "@/components/keys/import-origin-note";
import { RevokeKeyDialog } from "@/components/keys/revoke-key-dialog";
import { CopyButton } from "@/components/ui/copy-button";
import { Forbidden } from "@/components/ui/forbidden";
import { StateBadge } from "@/components/ui/state-badge";
import { KeyUsagePanel } from "@/components/usage/key-usage-panel";
import { Time } from "@/components/ui/time";
import { cardClass } from "@/components/ui/variants";
import { listKeyHistory } from "@/lib/audit/service";
import { requirePageActor } from "@/lib/auth/session";
import { guardPage } from "@/lib/auth/page-guard";
import { can } from "@/lib/authz/authorize";
import { describeAlgorithm } from "@/lib/crypto/algorithms";
import { presentKey } from "@/lib/keys/present";
import { requesterKey } from "@/lib/keys/destruction";
import { getTenantKey } from "@/lib/keys/service";
import { keyMilestone, timingView } from "@/lib/rotation/milestones";
import { listTenantPolicies } from "@/lib/rotation/policies";
import { nextState } from "@/lib/keys/states";
import { getKeyUsage } from "@/lib/usage/service";

type Props = { params: Promise<{ slug: string; kid: string }> };

export default async function KeyPage({ params }: Props) {
  const { slug, kid } = await params;
  const actor = await requirePageActor();
  const loaded = await guardPage(getTenantKey(actor, slug, decodeURIComponent(kid)));
  if (!loaded.allowed) return <Forbidden message={loaded.message} />;
  const key = presentKey(loaded.value.key);
  const [history, usage, { policies }] = await Promise.all([
    listKeyHistory(actor, slug, key.kid),
    getKeyUsage(actor, slug, key.kid),
    listTenantPolicies(actor, slug),
  ]);
  const access = loaded.value;
  const policy = policies.find((p) => p.use === key.use && p.alg === key.alg);
  const milestone = keyMilestone(key, timingView(access.tenant), policy);
  const jwk = key.publicJwk ? JSON.stringify(key.publicJwk, null, 2) : null;
  const revocable =
    can(loaded.value, "keys.revoke") && nextState(key.state as never, "revoke") !== null;

  const facts: [string, React.ReactNode][] = [
    ["Algorithm", describeAlgorithm(key.alg)],
    ["State", <StateBadge key="s" state={key.state} />],
    ["Use", key.use],
    ["Created", <Time key="c" value={key.createdAt} />],
    ["Activated", <Time key="a" value={key.activatedAt} />],
    ["Retired", <Time key="r" value={key.retiredAt} />],
    ["Unpublished", <Time key="u" value={key.unpublishedAt} />],
    [
      "Revoked",
      key.revokedAt ? (
        <span key="v">
          <Time value={key.revokedAt} /> — {key.revokeReason}
        </span>
      ) : (
        <Time key="v" value={null} />
      ),
    ],
  ];

  return (
    <div className="space-y-6">
      <Link
        href={`/tenants/${slug}`}
        className="text-sm text-indigo-600 underline dark:text-indigo-400"
      >
        ← All keys
      </Link>
      <section className={cardClass} aria-labelledby="key-heading">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div>
            <h2 id="key-heading" className="text-lg font-semibold">
              Key
            </h2>
            <p className="font-mono text-sm break-all" data-testid="kid">
              {key.kid}
            </p>
          </div>
          {revocable && (
            <RevokeKeyDialog
              slug={slug}
              kid={key.kid}
              state={key.state}
              recentUse={usage?.windows["1h"]}
            />
          )}
        </div>
        <dl className="mt-4 grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
          {facts.map(([label, value]) => (
            <div key={label} className="flex gap-2">
              <dt className="w-24 text-slate-500">{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section className={cardClass} aria-labelledby="lifecycle-heading">
        <h2 id="lifecycle-heading" className="mb-2 text-lg font-semibold">
          Lifecycle
        </h2>
        <LifecycleActions
          slug={slug}
          keyView={key}
          milestone={milestone}
          canManage={can(access, "keys.manage")}
          canRevoke={can(access, "keys.revoke")}
          canApprove={can(access, "keys.approve_destruction")}
          requestedByMe={access.key.destroyRequestedBy === requesterKey(actor)}
        />
      </section>
      {usage && <KeyUsagePanel slug={slug} usage={usage} />}
      {jwk && (
        <section className={cardClass} aria-labelledby="jwk-heading">
          <div className="mb-2 flex items-center justify-between">
            <h2 id="jwk-heading" className="text-lg font-semibold">
              Public JWK
            </h2>
            <CopyButton value={jwk} label="Copy JWK" />
          </div>
          <pre className="overflow-x-auto rounded bg-slate-100 p-3 text-xs dark:bg-slate-800">
            {jwk}
          </pre>
        </section>
      )}
      <ImportOriginNote keyRow={loaded.value.key} />
      <CertificatePanel
        slug={slug}
        keyRow={loaded.value.key}
        canManage={can(loaded.value, "keys.manage")}
      />
      <section className={cardClass} aria-labelledby="history-heading">
        <h2 id="history-heading" className="mb-3 text-lg font-semibold">
          History
        </h2>
        <AuditList events={history} empty="No recorded operations on this key." />
      </section>
    </div>
  );
}
