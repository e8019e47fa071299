// POST /api/v1/tenants/{slug}/keys/{kid}/revoke — revoke with a reason (instance admin tokens).
import { apiRoute, jsonResponse } from "@/lib/api/handler";
import { presentKey } from "@/lib/keys/present";
import { revokeKey } from "@/lib/keys/service";

export const POST = apiRoute(async ({ actor, params, json }) => {
  const key = await revokeKey(actor, params.slug, params.kid, (await json()) as never);
  return jsonResponse({ key: presentKey(key) });
});
