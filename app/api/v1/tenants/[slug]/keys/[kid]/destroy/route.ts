// POST   /api/v1/tenants/{slug}/keys/{kid}/destroy — schedule destruction of an unpublished or
//        revoked key ({ "waitingDays": 1–90, default 30 }) (instance admin token).
// DELETE /api/v1/tenants/{slug}/keys/{kid}/destroy — cancel it until it is carried out.
import { apiRoute, jsonResponse } from "@/lib/api/handler";
import { cancelDestruction, scheduleDestruction } from "@/lib/keys/destruction";
import { presentKey } from "@/lib/keys/present";

export const POST = apiRoute(async ({ actor, params, request, json }) => {
  const body = request.headers.get("content-type") ? await json() : {};
  const key = await scheduleDestruction(actor, params.slug, params.kid, body as never);
  return jsonResponse({ key: presentKey(key) }, 202);
});

export const DELETE = apiRoute(async ({ actor, params }) => {
  const key = await cancelDestruction(actor, params.slug, params.kid);
  return jsonResponse({ key: presentKey(key) });
});
