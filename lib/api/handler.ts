import crypto from "node:crypto";
import { ZodError } from "zod";
import type { Actor } from "../auth/actor";
import { AppError, isAppError } from "../errors";
import { logger } from "../logger";
import { authenticateToken } from "../tokens/service";

// The one wrapper every /api/v1 route handler goes through: bearer authentication, body
// parsing, and the mapping of errors to `{ error: { code, message } }`. Authorization
// happens in the domain call the handler makes (lib/authz/authorize.ts).

export const unauthenticated = () =>
  new AppError("unauthenticated", "Send a valid API token as 'Authorization: Bearer <token>'.");

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

/** Status and JSON body for any error; unexpected ones are logged and hidden. */
export function describeError(
  error: unknown,
  requestId: string,
): { status: number; body: unknown } {
  if (isAppError(error)) {
    const { code, message, fields, status } = error as AppError;
    return { status, body: { error: { code, message, ...(fields ? { fields } : {}) } } };
  }
  if (error instanceof ZodError) {
    const fields = Object.fromEntries(
      error.issues.map((i) => [i.path.join(".") || "body", i.message]),
    );
    const message = error.issues[0]?.message ?? "Invalid input.";
    return { status: 422, body: { error: { code: "unprocessable", message, fields } } };
  }
  logger.error(
    { requestId, err: (error as Error)?.message, stack: (error as Error)?.stack },
    "api request failed",
  );
  const message = `Something went wrong on our side. Reference: ${requestId}.`;
  return { status: 500, body: { error: { code: "internal", message } } };
}

export function errorResponse(error: unknown, requestId: string): Response {
  const { status, body } = describeError(error, requestId);
  return jsonResponse(body, status);
}

function clientIp(request: Request): string | null {
  return request.headers.get("x-forwarded-for")?.split(",")[0].trim() ?? null;
}

/** Shared by the Next wrapper and the custom server's fast path. */
export function parseJsonBody(contentType: string | null | undefined, text: string): unknown {
  // An empty body is an empty object: endpoints whose fields are all optional accept it,
  // the others answer 422 naming the missing field.
  if (text.trim() === "") return {};
  if (!(contentType ?? "").includes("application/json")) {
    throw new AppError("invalid_request", "Send a JSON body with Content-Type: application/json.");
  }
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) {
    throw new AppError("invalid_request", "The request body is too large.");
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError("invalid_request", "The request body is not valid JSON.");
  }
  // Deep nesting is never legitimate here and overflows recursive code further on.
  if (nestingDepth(value) > MAX_NESTING) {
    throw new AppError(
      "invalid_request",
      `The request body nests deeper than ${MAX_NESTING} levels.`,
    );
  }
  return value;
}

const MAX_NESTING = 32;

/** Depth of arrays and objects, measured without recursion. */
export function nestingDepth(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== "object") continue;
    deepest = Math.max(deepest, depth + 1);
    if (deepest > MAX_NESTING) return deepest;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return deepest;
}

export const MAX_JSON_BODY_BYTES = MAX_BODY_BYTES;

export function bearerToken(header: string | null | undefined): string | null {
  return /^Bearer\s+(\S+)$/i.exec(header ?? "")?.[1] ?? null;
}

async function readJson(request: Request): Promise<unknown> {
  return parseJsonBody(request.headers.get("content-type"), await request.text());
}

export function apiRoute(handler: Handler) {
  return async (request: Request, context: RouteContext) => {
    const requestId = crypto.randomUUID();
    try {
      const token = bearerToken(request.headers.get("authorization"));
      const actor = token ? await authenticateToken(token, clientIp(request)) : null;
      if (!actor) {
        throw unauthenticated();
      }
      const params = (await context.params) ?? {};
      return await handler({ actor, params, request, json: () => readJson(request) });
    } catch (error) {
      return errorResponse(error, requestId);
    }
  };
}
