// GET /api/v1/tenants/{slug}/usage?window=1h|24h|30d — usage per key and JWKS (keys:read).
import { apiRoute, jsonResponse } from "@/lib/api/handler";
import { getTenantUsage } from "@/lib/usage/service";

export const GET = apiRoute(async ({ actor, params, request }) => {
  const window = new URL(request.url).searchParams.get("window");
  return jsonResponse(await getTenantUsage(actor, params.slug, window));
});
