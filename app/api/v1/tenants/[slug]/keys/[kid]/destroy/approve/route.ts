// POST /api/v1/tenants/{slug}/keys/{kid}/destroy/approve — the second person's approval; never
// by whoever scheduled it (instance admin token).
import { apiRoute, jsonResponse } from "@/lib/api/handler";
import { approveDestruction } from "@/lib/keys/destruction";
import { presentKey } from "@/lib/keys/present";

export const POST = apiRoute(async ({ actor, params }) => {
  const key = await approveDestruction(actor, params.slug, params.kid);
  return jsonResponse({ key: presentKey(key) });
});
