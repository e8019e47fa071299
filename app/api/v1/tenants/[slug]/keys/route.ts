// GET /api/v1/tenants/{slug}/keys — list keys (keys:read). POST — generate a key (keys:rotate).
import { apiRoute, jsonResponse } from "@/lib/api/handler";
import { presentKey } from "@/lib/keys/present";
import { generateKey, listTenantKeys } from "@/lib/keys/service";

export const GET = apiRoute(async ({ actor, params }) => {
  const { keys } = await listTenantKeys(actor, params.slug);
  return jsonResponse({ keys: keys.map(presentKey) });
});

export const POST = apiRoute(async ({ actor, params, json }) => {
  const key = await generateKey(actor, params.slug, (await json()) as never);
  return jsonResponse({ key: presentKey(key) }, 201);
});
