// PUT    /api/v1/tenants/{slug}/policies/{alg} — set the slot's policy
//        ({ rotateEveryDays, keepStaged?, autoUnpublish?, enabled? }) (instance admin token).
// DELETE /api/v1/tenants/{slug}/policies/{alg} — remove it.
import { apiRoute, jsonResponse } from "@/lib/api/handler";
import { putPolicy, removePolicy } from "@/lib/rotation/policies";

export const PUT = apiRoute(async ({ actor, params, json }) => {
  const policy = await putPolicy(actor, params.slug, params.alg, await json());
  return jsonResponse({ policy });
});

export const DELETE = apiRoute(async ({ actor, params }) => {
  const policy = await removePolicy(actor, params.slug, params.alg);
  return jsonResponse({ policy });
});
