// GET /api/v1/tenants/{slug}/audit/verify — recomputes the (global) chain: { ok, checked } or
// { ok: false, firstBrokenId, reason }; with Accept: application/x-ndjson, progress lines
// first (audit:read).
import { apiRoute, jsonResponse } from "@/lib/api/handler";
import { presentVerdict, verifyTenantAudit } from "@/lib/audit/service";
import { ndjsonResponse, verifyProgressStream } from "@/lib/audit/verify-stream";

export const GET = apiRoute(async ({ actor, params, request }) => {
  if (request.headers.get("accept")?.includes("application/x-ndjson")) {
    return ndjsonResponse(await verifyProgressStream(actor, params.slug));
  }
  return jsonResponse(presentVerdict(await verifyTenantAudit(actor, params.slug)));
});
