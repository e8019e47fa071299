// GET /tenants/{slug}/audit/verify — the console's "Verify chain": progress lines, then the
// verdict (session; auditors and admins).
import { consoleRoute } from "@/lib/audit/console-route";
import { ndjsonResponse, verifyProgressStream } from "@/lib/audit/verify-stream";

export const GET = consoleRoute(async ({ actor, params }) => {
  return ndjsonResponse(await verifyProgressStream(actor, params.slug));
});
