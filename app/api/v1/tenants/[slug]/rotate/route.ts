// POST /api/v1/tenants/{slug}/rotate — promote the slot's staged key once its lead has
// passed, or earlier with { emergency: true, reason } (keys:rotate; 409 says when it is safe).
import { apiRoute, jsonResponse } from "@/lib/api/handler";
import { presentKey } from "@/lib/keys/present";
import { rotateSlot } from "@/lib/keys/service";

export const POST = apiRoute(async ({ actor, params, json }) => {
  const { active, retired } = await rotateSlot(actor, params.slug, (await json()) as never);
  return jsonResponse({
    active: presentKey(active),
    retired: retired ? presentKey(retired) : null,
  });
});
