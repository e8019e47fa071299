// Starts the real production server (node server.ts, after `next build`) on a free port
// with its own data folder, on PGlite or, when KEYWARD_TEST_DATABASE_URL is set, on a
// scratch PostgreSQL database.
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { createScratchDatabase, dropScratchDatabase } from "./postgres";

export interface RunningServer {
  url: string;
  pid: number;
  adminToken: string;
  adminEmail: string;
  adminPassword: string;
  databaseUrl?: string;
  output(): string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

async function waitForHealth(url: string, child: ChildProcess, log: () => string) {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${log()}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server did not become healthy:\n${log()}`);
}

export interface StartOptions {
  /** Share a database between servers (two instances on one PostgreSQL). */
  databaseUrl?: string;
  /** Reuse a data folder (a restart); it is left in place on stop. */
  dataDir?: string;
  env?: Record<string, string>;
}

export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const adminUrl = process.env.KEYWARD_TEST_DATABASE_URL;
  const ownsDatabase = !options.databaseUrl && Boolean(adminUrl);
  const databaseUrl =
    options.databaseUrl ?? (adminUrl ? await createScratchDatabase(adminUrl) : undefined);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "keyward-http-"));
  const adminToken =
    options.env?.KEYWARD_ADMIN_TOKEN ?? `kw_admin_${crypto.randomBytes(24).toString("hex")}`;
  const adminPassword = crypto.randomBytes(12).toString("base64url");
  const masterKey = options.env?.KEYWARD_MASTER_KEY ?? crypto.randomBytes(32).toString("base64");

  const inherited = { ...process.env };
  delete inherited.DATABASE_URL;
  let log = "";
  const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    cwd: path.resolve(import.meta.dirname, "../.."),
    env: {
      ...inherited,
      NODE_ENV: "production",
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      KEYWARD_DATA_DIR: dataDir,
      KEYWARD_PUBLIC_URL: url,
      KEYWARD_ADMIN_EMAIL: "admin@example.test",
      KEYWARD_ADMIN_PASSWORD: adminPassword,
      KEYWARD_ADMIN_TOKEN: adminToken,
      KEYWARD_MASTER_KEY: masterKey,
      KEYWARD_LOG_LEVEL: "warn",
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d) => (log += d));
  child.stderr!.on("data", (d) => (log += d));
  await waitForHealth(url, child, () => log);

  return {
    url,
    pid: child.pid!,
    adminToken,
    adminEmail: "admin@example.test",
    adminPassword,
    databaseUrl,
    output: () => log,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
        if (child.exitCode === null) child.kill("SIGKILL");
      }
      if (!options.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
      if (ownsDatabase && adminUrl && databaseUrl) await dropScratchDatabase(adminUrl, databaseUrl);
    },
  };
}

/** A small JSON client for /api/v1 with a bearer token. */
export function apiClient(baseUrl: string, token: string) {
  return async (
    method: string,
    route: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const response = await fetch(`${baseUrl}/api/v1${route}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let json: any = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = { raw: text };
    }
    return { status: response.status, body: json, text };
  };
}
