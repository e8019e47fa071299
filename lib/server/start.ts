import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { parse } from "node:url";
import { startCheckpointTimer } from "../audit/checkpoint-timer";
import { ensureAdminToken, ensureFirstAdmin, type FirstAdmin } from "../bootstrap";
import { ALL_TENANTS, tenantChanged } from "../cache/tenant-changes";
import { keyring } from "../crypto/keyring";
import { closeDatabase, getDatabase } from "../db/client";
import { env } from "../env";
import { jwksCache } from "../jwks/cache";
import { JWKS_CHANNEL } from "../jwks/changes";
import { handlePublicRequest } from "../jwks/http";
import { logger } from "../logger";
import { startScheduler } from "../rotation/scheduler";
import { startUsageCounting } from "../usage/flusher";
import { persistentSecret } from "./secrets";
import { handleSignRequest } from "./sign-route";

function fail(message: string): never {
  process.stderr.write(`\nKeyward could not start: ${message}\n\n`);
  process.exit(1);
}

function announceFirstAdmin(admin: FirstAdmin, url: string) {
  const lines = [
    "",
    "  Keyward created the first administrator.",
    `    Sign in at ${url}/login`,
    `    Email:    ${admin.email}`,
    admin.generatedPassword
      ? `    Password: ${admin.generatedPassword}    (shown once; it is stored only as a hash)`
      : "    Password: the value of KEYWARD_ADMIN_PASSWORD",
    "",
  ];
  process.stdout.write(lines.join("\n") + "\n");
}

export async function startApp() {
  const dev = process.env.NODE_ENV === "development";
  (process.env as Record<string, string>).NODE_ENV ??= "production";

  let config;
  try {
    config = env();
  } catch (error) {
    fail((error as Error).message);
  }
  process.env.NEXTAUTH_URL ??= config.publicUrl;
  process.env.NEXTAUTH_SECRET ??= persistentSecret(config.dataDir, "auth.secret");

  let database;
  try {
    keyring();
    database = await getDatabase();
    const admin = await ensureFirstAdmin();
    if (admin) announceFirstAdmin(admin, config.publicUrl);
    if (await ensureAdminToken())
      logger.info({}, "stored KEYWARD_ADMIN_TOKEN as an instance admin token");
  } catch (error) {
    fail((error as Error).message);
  }

  startCheckpointTimer();
  const cache = jwksCache(config.publicUrl);
  const stopListening = await database.listen(
    JWKS_CHANNEL,
    (slug) => tenantChanged(slug),
    () => tenantChanged(ALL_TENANTS),
  );

  const usage = startUsageCounting({
    enabled: config.KEYWARD_USAGE_COUNTING === "on",
    intervalMs: config.KEYWARD_USAGE_FLUSH_MS,
  });

  const scheduler = startScheduler(config.KEYWARD_SCHEDULER_INTERVAL_MS);

  const { default: next } = await import("next");
  const nextApp = next({
    dev,
    dir: process.cwd(),
    hostname: config.HOSTNAME ?? "localhost",
    port: config.PORT,
  });
  await nextApp.prepare();
  const nextHandler = nextApp.getRequestHandler();

  const health = async (res: ServerResponse) => {
    try {
      await database.prisma.$queryRawUnsafe("SELECT 1");
      res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" });
      res.end(JSON.stringify({ status: "ok", database: database.kind }));
    } catch {
      res.writeHead(503, { "content-type": "application/json", "cache-control": "no-store" });
      res.end(JSON.stringify({ status: "unavailable", database: database.kind }));
    }
  };

  return {
    port: config.PORT,
    hostname: config.HOSTNAME,
    handle(req: IncomingMessage, res: ServerResponse) {
      if (req.url === "/api/health") return void health(res);
      if (handlePublicRequest(cache, req, res)) return;
      if (handleSignRequest(req, res)) return;
      void nextHandler(req, res, parse(req.url ?? "/", true));
    },
    ready() {
      logger.info({ url: config.publicUrl, database: database.kind }, "keyward ready");
    },
    async shutdown(server: Server) {
      logger.info({}, "shutting down");
      server.close();
      await scheduler.stop();
      // Counts since the last flush are written before the database closes.
      await usage.stop();
      await stopListening().catch(() => undefined);
      await closeDatabase();
    },
  };
}
