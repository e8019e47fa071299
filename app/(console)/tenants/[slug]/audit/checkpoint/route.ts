// GET /tenants/{slug}/audit/checkpoint — downloads the signed chain head with its
// verification keys (session; auditors and admins).
import { consoleRoute } from "@/lib/audit/console-route";
import { getTenantCheckpoint } from "@/lib/audit/service";

export const GET = consoleRoute(async ({ actor, params }) => {
  const document = await getTenantCheckpoint(actor, params.slug);
  const name = `keyward-checkpoint-${document.checkpoint.headId}.json`;
  return new Response(JSON.stringify(document, null, 2) + "\n", {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="${name}"`,
      "cache-control": "no-store",
    },
  });
});
