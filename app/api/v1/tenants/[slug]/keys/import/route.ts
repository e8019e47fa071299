// POST /api/v1/tenants/{slug}/keys/import — import a PEM key, a JWK or a JWKS (keys:rotate).
import { apiRoute, jsonResponse } from "@/lib/api/handler";
import { importKeys } from "@/lib/keys/import";
import { presentKey } from "@/lib/keys/present";

export const POST = apiRoute(async ({ actor, params, json }) => {
  const { keys, warnings } = await importKeys(actor, params.slug, await json());
  return jsonResponse(
    { imported: keys.map((k) => k.kid), keys: keys.map(presentKey), warnings },
    201,
  );
});
