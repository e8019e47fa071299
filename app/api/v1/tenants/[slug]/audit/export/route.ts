// GET /api/v1/tenants/{slug}/audit/export?format=csv|jsonl&<filters> — the filtered events,
// oldest first, streamed with their chain fields (audit:read).
import { apiRoute } from "@/lib/api/handler";
import { exportResponse, exportTenantAudit } from "@/lib/audit/export";

export const GET = apiRoute(async ({ actor, params, request }) => {
  const query = Object.fromEntries(new URL(request.url).searchParams);
  return exportResponse(await exportTenantAudit(actor, params.slug, query));
});
