// GET /api/v1/tenants/{slug}/audit/checkpoint — the signed chain head (signing a new one if
// events came since the last) with the public keys that verify it (audit:read).
import { apiRoute, jsonResponse } from "@/lib/api/handler";
import { getTenantCheckpoint } from "@/lib/audit/service";

export const GET = apiRoute(async ({ actor, params }) => {
  return jsonResponse(await getTenantCheckpoint(actor, params.slug));
});
