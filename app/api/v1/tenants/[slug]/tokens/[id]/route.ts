// DELETE /api/v1/tenants/{slug}/tokens/{id} — revoke an API token (tenant admins).
import { apiRoute, jsonResponse } from "@/lib/api/handler";
import { revokeApiToken } from "@/lib/tokens/service";

export const DELETE = apiRoute(async ({ actor, params }) => {
  return jsonResponse(await revokeApiToken(actor, params.slug, params.id));
});
