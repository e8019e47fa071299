import crypto from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import {
  bearerToken,
  describeError,
  MAX_JSON_BODY_BYTES,
  parseJsonBody,
  unauthenticated,
} from "../api/handler";
import { AppError } from "../errors";
import { signToken } from "../keys/sign";
import { authenticateToken } from "../tokens/service";

// POST /api/v1/tenants/{slug}/sign — keys:sign tokens. Served by the custom server instead
// of Next: a Next route handler costs ~900 µs of CPU before it runs, more than signing
// itself. Same auth, validation, errors and domain call as every other /api/v1 route.

const signPath = /^\/api\/v1\/tenants\/([^/?]{1,64})\/sign(?:\?.*)?$/;

function send(res: ServerResponse, status: number, body: unknown) {
  const bytes = Buffer.from(JSON.stringify(body));
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": bytes.length,
    "cache-control": "no-store",
  });
  res.end(bytes);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      // Past the limit the rest is read and dropped so the client gets its 400; only an
      // absurd body is cut off.
      if (size > MAX_JSON_BODY_BYTES) chunks = [];
      else chunks.push(chunk);
      if (size > 64 * MAX_JSON_BODY_BYTES) req.destroy();
    });
    req.on("end", () => {
      if (size > MAX_JSON_BODY_BYTES) {
        reject(new AppError("invalid_request", "The request body is too large."));
      } else {
        resolve(Buffer.concat(chunks).toString("utf8"));
      }
    });
    req.on("error", reject);
  });
}

async function handle(req: IncomingMessage, res: ServerResponse, slug: string) {
  try {
    const token = bearerToken(req.headers.authorization);
    const ip = req.socket.remoteAddress ?? null;
    const actor = token ? await authenticateToken(token, ip) : null;
    if (!actor) throw unauthenticated();
    const body = parseJsonBody(req.headers["content-type"], await readBody(req));
    send(res, 200, await signToken(actor, decodeURIComponent(slug), body));
  } catch (error) {
    const { status, body } = describeError(error, crypto.randomUUID());
    if (!res.headersSent) send(res, status, body);
  }
}

export function handleSignRequest(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== "POST") return false;
  const match = signPath.exec(req.url ?? "");
  if (!match) return false;
  void handle(req, res, match[1]);
  return true;
}
