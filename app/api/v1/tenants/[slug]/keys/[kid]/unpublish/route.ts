// POST /api/v1/tenants/{slug}/keys/{kid}/unpublish — take a retired key out of the JWKS once
// its overlap has passed (keys:rotate; 409 says when it is safe).
import { apiRoute, jsonResponse } from "@/lib/api/handler";
import { unpublishKey } from "@/lib/keys/lifecycle";
import { presentKey } from "@/lib/keys/present";

export const POST = apiRoute(async ({ actor, params }) => {
  const key = await unpublishKey(actor, params.slug, params.kid);
  return jsonResponse({ key: presentKey(key) });
});
