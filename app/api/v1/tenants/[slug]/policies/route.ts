// GET /api/v1/tenants/{slug}/policies — the tenant's rotation policies (keys:read).
import { apiRoute, jsonResponse } from "@/lib/api/handler";
import { listTenantPolicies } from "@/lib/rotation/policies";

export const GET = apiRoute(async ({ actor, params }) => {
  const { policies } = await listTenantPolicies(actor, params.slug);
  return jsonResponse({ policies });
});
