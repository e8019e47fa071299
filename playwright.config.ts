import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import { ADMIN_EMAIL, ADMIN_PASSWORD, ADMIN_TOKEN } from "./e2e/fixtures/credentials";

// End-to-end suite: the production build (`npm run build` first) started by Playwright on
// 127.0.0.1 with a data folder of its own. Runs on PostgreSQL when DATABASE_URL is set.

const port = Number(process.env.E2E_PORT ?? 3201);
const baseURL = `http://127.0.0.1:${port}`;

// Playwright loads this file in the runner and again in every worker; only the runner
// (the first load) empties the folder, and hands its path to the workers through env.
function freshDataDir(): string {
  const handedDown = process.env.KEYWARD_E2E_DATA_DIR_IN_USE;
  if (handedDown) return handedDown;
  const dir = path.join(os.tmpdir(), `keyward-e2e-${port}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  process.env.KEYWARD_E2E_DATA_DIR_IN_USE = dir;
  return dir;
}

const chromiumArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
  "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
];

export default defineConfig({
  testDir: "./e2e",
  testMatch: "**/*.spec.ts",
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  outputDir: `test-results/e2e-artifacts-${port}`,
  reporter: [["list"], ["json", { outputFile: "test-results/e2e.json" }]],
  use: {
    baseURL,
    browserName: "chromium",
    launchOptions: { executablePath: "/usr/bin/chromium", args: chromiumArgs },
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    locale: "en-US",
    timezoneId: "UTC",
  },
  webServer: {
    command: "node --import tsx server.ts",
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    env: {
      NODE_ENV: "production",
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      KEYWARD_DATA_DIR: freshDataDir(),
      KEYWARD_ADMIN_EMAIL: ADMIN_EMAIL,
      KEYWARD_ADMIN_PASSWORD: ADMIN_PASSWORD,
      KEYWARD_ADMIN_TOKEN: ADMIN_TOKEN,
      KEYWARD_PUBLIC_URL: baseURL,
      NEXTAUTH_URL: baseURL,
      KEYWARD_LOG_LEVEL: process.env.KEYWARD_LOG_LEVEL ?? "warn",
      ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
    },
  },
});
