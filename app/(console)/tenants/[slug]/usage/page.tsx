import { UsageDashboard } from "@/components/usage/usage-dashboard";
import { Forbidden } from "@/components/ui/forbidden";
import { requirePageActor } from "@/lib/auth/session";
import { guardPage } from "@/lib/auth/page-guard";
import { env } from "@/lib/env";
import { getTenantUsage } from "@/lib/usage/service";

type Props = { params: Promise<{ slug: string }> };

export default async function UsagePage({ params }: Props) {
  const { slug } = await params;
  const actor = await requirePageActor();
  const usage = await guardPage(getTenantUsage(actor, slug, "1h"));
  if (!usage.allowed) return <Forbidden message={usage.message} />;

  const config = env();
  return (
    <UsageDashboard
      slug={slug}
      initial={usage.value}
      flushSeconds={config.KEYWARD_USAGE_FLUSH_MS / 1000}
      counting={config.KEYWARD_USAGE_COUNTING === "on"}
    />
  );
}
