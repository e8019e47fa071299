// GET /api/v1/tenants/{slug}/tokens — list API tokens. POST — create one; the value is
// returned once. Tenant admins only (instance admin tokens included).
import { apiRoute, jsonResponse } from "@/lib/api/handler";
import { createApiToken, listTenantApiTokens } from "@/lib/tokens/service";

export const GET = apiRoute(async ({ actor, params }) => {
  const { tokens } = await listTenantApiTokens(actor, params.slug);
  return jsonResponse({
    tokens: tokens.map((t) => ({
      id: t.id,
      name: t.name,
      prefix: t.prefix,
      scopes: t.scopes,
      createdAt: t.createdAt.toISOString(),
      lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
      revokedAt: t.revokedAt?.toISOString() ?? null,
    })),
  });
});

export const POST = apiRoute(async ({ actor, params, json }) => {
  return jsonResponse(await createApiToken(actor, params.slug, (await json()) as never), 201);
});
