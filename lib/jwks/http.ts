import type { IncomingMessage, ServerResponse } from "node:http";
import type { JwksCache, TenantDocuments } from "./cache";
import type { ServedDocument } from "./document";
import { countJwksFetch } from "../usage/counting";

// The public endpoints, answered in front of Next from memory: no session, no database
// read in steady state. Anything else returns false and goes to Next.

const publicPath = /^\/t\/([^/]{1,64})\/\.well-known\/(jwks\.json|openid-configuration)$/;
// x5u targets: a published key's certificate chain as PEM, cached with the tenant's JWKS.
const certificatePath = /^\/t\/([^/]{1,64})\/keys\/([^/]{1,256})\/(certificate\.pem)$/;
const CERTIFICATE = "certificate:";

function sendCertificate(
  req: IncomingMessage,
  res: ServerResponse,
  docs: TenantDocuments,
  encodedKid: string,
) {
  let doc: ServedDocument | undefined;
  try {
    doc = docs.certificates.get(decodeURIComponent(encodedKid));
  } catch {
    doc = undefined;
  }
  if (!doc) {
    sendJson(res, 404, { error: { code: "not_found", message: "Certificate not found." } });
    return;
  }
  sendDocument(req, res, doc, "application/pem-certificate-chain");
}

function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === "*") return true;
  return header.split(",").some((candidate) => candidate.trim().replace(/^W\//, "") === etag);
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  extra: Record<string, string> = {},
) {
  const bytes = Buffer.from(JSON.stringify(body));
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": bytes.length,
    "access-control-allow-origin": "*",
    "cache-control": "no-store",
    ...extra,
  });
  res.end(bytes);
}

// Header blocks are built once per document and content type, as flat arrays that
// writeHead takes as they are: the hot path allocates nothing but the response itself.
const headerBlocks = new WeakMap<
  ServedDocument,
  Map<string, { ok: string[]; notModified: string[] }>
>();

function headersFor(doc: ServedDocument, contentType: string) {
  let byType = headerBlocks.get(doc);
  if (!byType) {
    byType = new Map();
    headerBlocks.set(doc, byType);
  }
  let block = byType.get(contentType);
  if (!block) {
    const age = doc.maxAgeSeconds;
    const common = [
      "content-type",
      contentType,
      "cache-control",
      `public, max-age=${age}, stale-while-revalidate=${age}, stale-if-error=86400`,
      "etag",
      doc.etag,
      "access-control-allow-origin",
      "*",
      "access-control-expose-headers",
      "ETag",
      "vary",
      "Accept",
    ];
    block = { ok: [...common, "content-length", String(doc.body.length)], notModified: common };
    byType.set(contentType, block);
  }
  return block;
}

function sendDocument(
  req: IncomingMessage,
  res: ServerResponse,
  doc: ServedDocument,
  contentType: string,
): boolean {
  const headers = headersFor(doc, contentType);
  if (etagMatches(req.headers["if-none-match"], doc.etag)) {
    res.writeHead(304, headers.notModified);
    res.end();
    return true;
  }
  res.writeHead(200, headers.ok);
  res.end(req.method === "HEAD" ? undefined : doc.body);
  return false;
}

function respond(
  req: IncomingMessage,
  res: ServerResponse,
  kind: string,
  docs: Awaited<ReturnType<JwksCache["get"]>>,
) {
  if (!docs) {
    sendJson(res, 404, { error: { code: "not_found", message: "Tenant not found." } });
    return;
  }
  if (kind.startsWith(CERTIFICATE)) {
    sendCertificate(req, res, docs, kind.slice(CERTIFICATE.length));
    return;
  }
  if (kind === "jwks.json") {
    const wantsJwkSet = (req.headers.accept ?? "").includes("application/jwk-set+json");
    const notModified = sendDocument(
      req,
      res,
      docs.jwks,
      wantsJwkSet ? "application/jwk-set+json" : "application/json; charset=utf-8",
    );
    // In memory, after the answer is written: counting adds no wait to the request.
    countJwksFetch(docs.tenantId, req.headers["user-agent"], notModified);
  } else {
    sendDocument(req, res, docs.discovery, "application/json; charset=utf-8");
  }
}

export function handlePublicRequest(
  cache: JwksCache,
  req: IncomingMessage,
  res: ServerResponse,
): boolean {
  const url = req.url ?? "/";
  const path = url.split("?")[0];
  const match = publicPath.exec(path) ?? certificatePath.exec(path);
  if (!match) return false;

  if (req.method === "OPTIONS") {
    res.writeHead(204, {
      "access-control-allow-origin": "*",
      "access-control-allow-methods": "GET, HEAD, OPTIONS",
      "access-control-allow-headers": "If-None-Match",
      "access-control-max-age": "86400",
    });
    res.end();
    return true;
  }
  if (req.method !== "GET" && req.method !== "HEAD") {
    sendJson(
      res,
      405,
      { error: { code: "method_not_allowed", message: "Use GET or HEAD." } },
      { allow: "GET, HEAD, OPTIONS" },
    );
    return true;
  }

  let slug: string;
  try {
    slug = decodeURIComponent(match[1]);
  } catch {
    sendJson(res, 404, { error: { code: "not_found", message: "Tenant not found." } });
    return true;
  }
  const kind = match[3] ? `${CERTIFICATE}${match[2]}` : match[2];
  const cached = cache.peek(slug);
  if (cached !== undefined) {
    respond(req, res, kind, cached);
    return true;
  }
  cache.get(slug).then(
    (docs) => respond(req, res, kind, docs),
    () =>
      sendJson(
        res,
        503,
        {
          error: {
            code: "unavailable",
            message: "Keys are temporarily unavailable; retry shortly.",
          },
        },
        { "retry-after": "1" },
      ),
  );
  return true;
}
