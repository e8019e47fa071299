// POST /api/v1/tenants/{slug}/keys/{kid}/activate — make this staged key active after its
// lead (body optional: { emergency, reason } to go early) (keys:rotate).
import { apiRoute, jsonResponse } from "@/lib/api/handler";
import { activateKey } from "@/lib/keys/lifecycle";
import { presentKey } from "@/lib/keys/present";

export const POST = apiRoute(async ({ actor, params, request, json }) => {
  const body = request.headers.get("content-type") ? await json() : {};
  const { active, retired } = await activateKey(actor, params.slug, params.kid, body as never);
  return jsonResponse({
    active: presentKey(active),
    retired: retired ? presentKey(retired) : null,
  });
});
