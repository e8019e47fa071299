import type { ReactNode } from "react";
import { TenantNav } from "@/components/layout/tenant-nav";
import { requirePageActor } from "@/lib/auth/session";
import { guardPage } from "@/lib/auth/page-guard";
import { can } from "@/lib/authz/authorize";
import { roleLabels } from "@/lib/authz/permissions";
import { getTenant } from "@/lib/tenants/service";

export default async function TenantLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ slug: string }>;
}) {
  const { slug } = await params;
  const actor = await requirePageActor();
  const access = await guardPage(getTenant(actor, slug));
  if (!access.allowed) return children;
  const { tenant, role } = access.value;

  return (
    <div className="space-y-6">
      <div>
        <p className="font-mono text-xs text-slate-500">{tenant.slug}</p>
        <h1 className="text-2xl font-semibold">{tenant.name}</h1>
        {role && (
          <p className="text-xs text-slate-500 dark:text-slate-400">
            Your role: {roleLabels[role]}
          </p>
        )}
      </div>
      <TenantNav
        slug={tenant.slug}
        showAudit={can(access.value, "audit.read")}
        showAdmin={can(access.value, "tenant.manage")}
      />
      {children}
    </div>
  );
}
