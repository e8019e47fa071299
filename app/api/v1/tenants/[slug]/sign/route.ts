// POST /api/v1/tenants/{slug}/sign — sign claims with the slot's active key (keys:sign).
import { apiRoute, jsonResponse } from "@/lib/api/handler";
import { signToken } from "@/lib/keys/sign";

export const POST = apiRoute(async ({ actor, params, json }) => {
  return jsonResponse(await signToken(actor, params.slug, await json()));
});
