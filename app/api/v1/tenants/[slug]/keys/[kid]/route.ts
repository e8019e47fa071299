// GET /api/v1/tenants/{slug}/keys/{kid} — one key (keys:read).
import { apiRoute, jsonResponse } from "@/lib/api/handler";
import { presentKey } from "@/lib/keys/present";
import { getTenantKey } from "@/lib/keys/service";

export const GET = apiRoute(async ({ actor, params }) => {
  const { key } = await getTenantKey(actor, params.slug, params.kid);
  return jsonResponse({ key: presentKey(key) });
});
