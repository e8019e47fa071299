// GET /api/v1/tenants/{slug}/keys/{kid}/certificate — the key's certificate (keys:read).
// POST — attach a self-signed certificate or an uploaded chain (keys:rotate).
import { apiRoute, jsonResponse } from "@/lib/api/handler";
import { AppError } from "@/lib/errors";
import { attachCertificate, getKeyCertificate, presentCertificate } from "@/lib/keys/certificates";
import { presentKey } from "@/lib/keys/present";

export const GET = apiRoute(async ({ actor, params }) => {
  const certificate = await getKeyCertificate(actor, params.slug, params.kid);
  if (!certificate) throw new AppError("not_found", "This key has no certificate.");
  return jsonResponse({ certificate });
});

export const POST = apiRoute(async ({ actor, params, json }) => {
  const key = await attachCertificate(actor, params.slug, params.kid, await json());
  return jsonResponse({ key: presentKey(key), certificate: presentCertificate(params.slug, key) });
});
