import Link from "next/link";
import { CreateTenantForm } from "@/components/tenants/create-tenant-form";
import { EmptyState } from "@/components/ui/empty-state";
import { cardClass } from "@/components/ui/variants";
import { roleLabels } from "@/lib/authz/permissions";
import { requirePageActor } from "@/lib/auth/session";
import { listVisibleTenants } from "@/lib/tenants/service";

export default async function TenantsPage() {
  const actor = await requirePageActor();
  const tenants = await listVisibleTenants(actor);

  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold">Tenants</h1>
        <p className="text-sm text-slate-500 dark:text-slate-400">
          Each tenant is one token issuer with its own keys and JWKS URL.
        </p>
      </div>
      {tenants.length === 0 ? (
        <EmptyState title="No tenants yet">
          {actor.isAdmin
            ? "Create the first one below."
            : "Ask an administrator to add you to a tenant."}
        </EmptyState>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" aria-label="Tenants">
          {tenants.map((tenant) => (
            <li key={tenant.id}>
              <Link
                href={`/tenants/${tenant.slug}`}
                className={`${cardClass} block hover:border-indigo-400`}
              >
                <p className="font-medium">{tenant.name}</p>
                <p className="font-mono text-sm text-slate-500">{tenant.slug}</p>
                <p className="mt-2 text-xs text-slate-500 dark:text-slate-400">
                  {tenant._count.keys} published {tenant._count.keys === 1 ? "key" : "keys"}
                  {tenant.memberships[0] && ` · ${roleLabels[tenant.memberships[0].role]}`}
                </p>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {actor.isAdmin && <CreateTenantForm />}
    </div>
  );
}
