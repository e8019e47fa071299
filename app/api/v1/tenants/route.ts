// POST /api/v1/tenants — create a tenant. Instance admin tokens only.
import { apiRoute, jsonResponse } from "@/lib/api/handler";
import { presentTenant } from "@/lib/tenants/present";
import { createTenant } from "@/lib/tenants/service";

export const POST = apiRoute(async ({ actor, json }) => {
  const tenant = await createTenant(actor, (await json()) as never);
  return jsonResponse({ tenant: presentTenant(tenant) }, 201);
});
