// GET /tenants/{slug}/usage/data?window=1h|24h|30d — the usage dashboard's live data, for
// signed-in members (keys.read); the same answer as the API's usage endpoint.
import crypto from "node:crypto";
import { errorResponse, jsonResponse } from "@/lib/api/handler";
import { currentActor } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { getTenantUsage } from "@/lib/usage/service";

export const dynamic = "force-dynamic";

export async function GET(request: Request, context: { params: Promise<{ slug: string }> }) {
  try {
    const actor = await currentActor();
    if (!actor) throw new AppError("unauthenticated", "Your session has ended. Sign in again.");
    const { slug } = await context.params;
    const window = new URL(request.url).searchParams.get("window");
    return jsonResponse(await getTenantUsage(actor, slug, window));
  } catch (error) {
    return errorResponse(error, crypto.randomUUID());
  }
}
