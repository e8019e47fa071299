import Link from "next/link";
import { ImportKeyForm } from "@/components/keys/import-key-form";
import { Forbidden } from "@/components/ui/forbidden";
import { requirePageActor } from "@/lib/auth/session";
import { guardPage } from "@/lib/auth/page-guard";
import { can } from "@/lib/authz/authorize";
import { getTenant } from "@/lib/tenants/service";

export default async function ImportPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const actor = await requirePageActor();
  const access = await guardPage(getTenant(actor, slug));
  if (!access.allowed) return <Forbidden message={access.message} />;
  if (!can(access.value, "keys.manage")) {
    return <Forbidden message="Only admins and key managers can import keys." />;
  }

  return (
    <div className="space-y-6">
      <Link
        href={`/tenants/${slug}`}
        className="text-sm text-indigo-600 underline dark:text-indigo-400"
      >
        ← All keys
      </Link>
      <ImportKeyForm slug={slug} />
    </div>
  );
}
