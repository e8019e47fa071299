// GET /api/v1/tenants/{slug}/audit?action=&actor=&kid=&outcome=&from=&to=&q=&limit=&cursor=
// — audit events, newest first, keyset-paged by nextCursor (audit:read).
import { apiRoute, jsonResponse } from "@/lib/api/handler";
import { listTenantAudit } from "@/lib/audit/service";

export const GET = apiRoute(async ({ actor, params, request }) => {
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const { events, nextCursor } = await listTenantAudit(actor, params.slug, query);
  return jsonResponse({ events, nextCursor });
});
