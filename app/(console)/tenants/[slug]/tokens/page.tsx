import { CreateTokenForm } from "@/components/tokens/create-token-form";
import { TokenRow } from "@/components/tokens/token-row";
import { EmptyState } from "@/components/ui/empty-state";
import { Forbidden } from "@/components/ui/forbidden";
import { cardClass } from "@/components/ui/variants";
import { requirePageActor } from "@/lib/auth/session";
import { guardPage } from "@/lib/auth/page-guard";
import { listTenantApiTokens } from "@/lib/tokens/service";

export default async function TokensPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const actor = await requirePageActor();
  const loaded = await guardPage(listTenantApiTokens(actor, slug));
  if (!loaded.allowed) return <Forbidden message={loaded.message} />;

  return (
    <div className="space-y-6">
      <CreateTokenForm slug={slug} />
      <section className={cardClass} aria-labelledby="tokens-heading">
        <h2 id="tokens-heading" className="mb-3 text-lg font-semibold">
          API tokens
        </h2>
        {loaded.value.tokens.length === 0 ? (
          <EmptyState title="No API tokens">
            Create one for each service that signs or rotates through the API.
          </EmptyState>
        ) : (
          <ul className="divide-y divide-slate-200 dark:divide-slate-800">
            {loaded.value.tokens.map((t) => (
              <TokenRow
                key={t.id}
                slug={slug}
                token={{
                  id: t.id,
                  name: t.name,
                  prefix: t.prefix,
                  scopes: t.scopes,
                  createdAt: t.createdAt.toISOString(),
                  lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
                  revokedAt: t.revokedAt?.toISOString() ?? null,
                }}
              />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
