import { SettingsForm } from "@/components/tenants/settings-form";
import { Forbidden } from "@/components/ui/forbidden";
import { requirePageActor } from "@/lib/auth/session";
import { guardPage } from "@/lib/auth/page-guard";
import { authorizeTenant } from "@/lib/authz/authorize";
import { presentTenant } from "@/lib/tenants/present";

export default async function SettingsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const actor = await requirePageActor();
  const access = await guardPage(authorizeTenant(actor, slug, "tenant.manage", "tenant.viewed"));
  if (!access.allowed) return <Forbidden message={access.message} />;
  return <SettingsForm slug={slug} tenant={presentTenant(access.value.tenant)} />;
}
