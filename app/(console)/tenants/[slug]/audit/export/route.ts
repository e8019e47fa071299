// GET /tenants/{slug}/audit/export?format=csv|jsonl&<filters> — the console's download of
// the current view (session; auditors and admins).
import { consoleRoute } from "@/lib/audit/console-route";
import { exportResponse, exportTenantAudit } from "@/lib/audit/export";

export const GET = consoleRoute(async ({ actor, params, request }) => {
  const query = Object.fromEntries(new URL(request.url).searchParams);
  return exportResponse(await exportTenantAudit(actor, params.slug, query));
});
