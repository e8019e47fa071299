// GET /api/v1/tenants/{slug} — tenant settings (keys:read). PATCH — update settings (admin).
import { apiRoute, jsonResponse } from "@/lib/api/handler";
import { presentTenant } from "@/lib/tenants/present";
import { getTenant, updateTenant } from "@/lib/tenants/service";

export const GET = apiRoute(async ({ actor, params }) => {
  const { tenant } = await getTenant(actor, params.slug);
  return jsonResponse({ tenant: presentTenant(tenant) });
});

export const PATCH = apiRoute(async ({ actor, params, json }) => {
  const { tenant } = await updateTenant(actor, params.slug, (await json()) as never);
  return jsonResponse({ tenant: presentTenant(tenant) });
});
