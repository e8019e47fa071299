// POST /api/v1/tenants/{slug}/verify — check a token against the tenant's keys (keys:read).
import { apiRoute, jsonResponse } from "@/lib/api/handler";
import { verifyToken } from "@/lib/keys/verify";

export const POST = apiRoute(async ({ actor, params, json }) => {
  return jsonResponse(await verifyToken(actor, params.slug, await json()));
});
