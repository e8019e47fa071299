import crypto from "node:crypto";
import { ZodError } from "zod";
import type { Actor } from "../auth/actor";
import { AppError, isAppError } from "../errors";
import { logger } from "../logger";
import { authenticateToken } from "../tokens/service";

// The one wrapper every /api/v1 route handler goes through: bearer authentication, body
// parsing, and the mapping of errors to `{ error: { code, message } }`. Authorization
// happens in the domain call the handler makes (lib/authz/authorize.ts).

export interface ApiContext {
  actor: Actor;
  params: Record<string, string>;
  request: Request;
  /** The parsed JSON body; throws a 400 for malformed JSON. */
  json(): Promise<unknown>;
}

type Handler = (ctx: ApiContext) => Promise<Response>;
type RouteContext = { params: Promise<Record<string, string>> };

const MAX_BODY_BYTES = 256 * 1024;

export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      "content-type": "application/json; charset=utf-8",
      "cache-control": "no-store",
      ...headers,
    },
  });
}

export function errorResponse(error: unknown, requestId: string): Response {
  if (isAppError(error)) {
    const { code, message, fields } = error as AppError;
    return jsonResponse(
      { error: { code, message, ...(fields ? { fields } : {}) } },
      (error as AppError).status,
    );
  }
  if (error instanceof ZodError) {
    const fields = Object.fromEntries(
      error.issues.map((i) => [i.path.join(".") || "body", i.message]),
    );
    return jsonResponse(
      {
        error: {
          code: "unprocessable",
          message: error.issues[0]?.message ?? "Invalid input.",
          fields,
        },
      },
      422,
    );
  }
  logger.error(
    { requestId, err: (error as Error)?.message, stack: (error as Error)?.stack },
    "api request failed",
  );
  return jsonResponse(
    {
      error: {
        code: "internal",
        message: `Something went wrong on our side. Reference: ${requestId}.`,
      },
    },
    500,
  );
}

function clientIp(request: Request): string | null {
  return request.headers.get("x-forwarded-for")?.split(",")[0].trim() ?? null;
}

async function readJson(request: Request): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.includes("application/json")) {
    throw new AppError("invalid_request", "Send a JSON body with Content-Type: application/json.");
  }
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES)
    throw new AppError("invalid_request", "The request body is too large.");
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("invalid_request", "The request body is not valid JSON.");
  }
}

export function apiRoute(handler: Handler) {
  return async (request: Request, context: RouteContext) => {
    const requestId = crypto.randomUUID();
    try {
      const header = request.headers.get("authorization") ?? "";
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      const actor = match ? await authenticateToken(match[1], clientIp(request)) : null;
      if (!actor) {
        throw new AppError(
          "unauthenticated",
          "Send a valid API token as 'Authorization: Bearer <token>'.",
        );
      }
      const params = (await context.params) ?? {};
      return await handler({ actor, params, request, json: () => readJson(request) });
    } catch (error) {
      return errorResponse(error, requestId);
    }
  };
}
