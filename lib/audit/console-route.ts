import crypto from "node:crypto";
import type { Actor } from "../auth/actor";
import { currentActor } from "../auth/session";
import { errorResponse } from "../api/handler";
import { AppError } from "../errors";

// Route handlers the console calls with its session cookie (downloads and the verify
// progress stream): the same error mapping as /api/v1, a session instead of a bearer token.

interface ConsoleContext {
  actor: Actor;
  params: Record<string, string>;
  request: Request;
}

type RouteContext = { params: Promise<Record<string, string>> };

export function consoleRoute(handler: (ctx: ConsoleContext) => Promise<Response>) {
  return async (request: Request, context: RouteContext) => {
    const requestId = crypto.randomUUID();
    try {
      const ip = request.headers.get("x-forwarded-for")?.split(",")[0].trim() ?? null;
      const actor = await currentActor(ip);
      if (!actor) throw new AppError("unauthenticated", "Your session has ended. Sign in again.");
      return await handler({ actor, params: (await context.params) ?? {}, request });
    } catch (error) {
      return errorResponse(error, requestId);
    }
  };
}
