// `npm test`: every check and every suite, on PGlite and on PostgreSQL, then one summary
// line. Starts PostgreSQL itself when needed (see scripts/lib/ensure-postgres.ts).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ensurePostgres } from "./lib/ensure-postgres";

const root = path.resolve(import.meta.dirname, "..");
const results = path.join(root, "test-results");
const distDir = ".next-test";

interface Tally {
  name: string;
  passed: number;
  failed: number;
  seconds: number;
}
const tallies: Tally[] = [];

const log = (line: string) => process.stdout.write(`\n▶ ${line}\n`);

function run(command: string, args: string[], env: Record<string, string> = {}) {
  const started = Date.now();
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, ...env },
  });
  return { ok: result.status === 0, seconds: (Date.now() - started) / 1000 };
}

function check(name: string, command: string, args: string[], env: Record<string, string> = {}) {
  log(name);
  const { ok, seconds } = run(command, args, env);
  tallies.push({ name, passed: ok ? 1 : 0, failed: ok ? 0 : 1, seconds });
  return ok;
}

function readVitest(file: string) {
  const report = JSON.parse(fs.readFileSync(file, "utf8"));
  return { passed: report.numPassedTests as number, failed: report.numFailedTests as number };
}

function vitest(name: string, projects: string[], env: Record<string, string>) {
  log(name);
  const output = path.join(results, `${name.replace(/\W+/g, "-")}.json`);
  fs.rmSync(output, { force: true });
  const args = [
    "vitest",
    "run",
    ...projects.flatMap((p) => ["--project", p]),
    "--reporter=default",
    "--reporter=json",
    `--outputFile=${output}`,
  ];
  const { ok, seconds } = run("npx", args, env);
  const counts = fs.existsSync(output) ? readVitest(output) : { passed: 0, failed: 1 };
  // A runner that crashed or failed a whole file counts as a failure even with no failed test.
  if (!ok && counts.failed === 0) counts.failed = 1;
  tallies.push({ name, ...counts, seconds });
}

function playwright(name: string, env: Record<string, string>) {
  log(name);
  const output = path.join(results, "e2e.json");
  fs.rmSync(output, { force: true });
  const { ok, seconds } = run("npx", ["playwright", "test"], {
    ...env,
    PLAYWRIGHT_JSON_OUTPUT_NAME: output,
  });
  let passed = 0;
  let failed = ok ? 0 : 1;
  if (fs.existsSync(output)) {
    const stats = JSON.parse(fs.readFileSync(output, "utf8")).stats;
    passed = stats.expected + stats.flaky;
    failed = Math.max(stats.unexpected, ok ? 0 : 1);
  }
  tallies.push({ name, passed, failed, seconds });
}

function ensureChromium() {
  if (fs.existsSync("/usr/bin/chromium")) return;
  log("installing Debian's Chromium for the browser tests");
  if (process.getuid?.() !== 0)
    throw new Error("Chromium is missing: run `sudo apt-get install -y chromium`.");
  run("apt-get", ["update", "-qq"]);
  if (!run("apt-get", ["install", "-y", "-qq", "chromium"]).ok)
    throw new Error("Could not install chromium.");
}

async function main() {
  fs.mkdirSync(results, { recursive: true });
  ensureChromium();
  const postgres = await ensurePostgres(log);
  const pgEnv = { KEYWARD_TEST_DATABASE_URL: postgres.url };
  const buildEnv = { KEYWARD_DIST_DIR: distDir, KEYWARD_LOG_LEVEL: "silent" };

  try {
    check("typecheck", "npx", ["tsc", "--noEmit"]);
    check("format", "npx", ["prettier", "--check", "--log-level", "warn", "."]);
    const built = check("build", "npx", ["next", "build"], buildEnv);

    vitest("unit and integration on PGlite", ["unit", "integration"], buildEnv);
    vitest("integration on PostgreSQL", ["integration"], { ...buildEnv, ...pgEnv });
    if (built) {
      vitest("HTTP on PGlite", ["http"], buildEnv);
      vitest("HTTP and scale-out on PostgreSQL", ["http", "scale-out"], { ...buildEnv, ...pgEnv });
      playwright("e2e in Chromium", buildEnv);
    }
  } finally {
    postgres.stop();
  }

  process.stdout.write("\nSummary\n");
  for (const t of tallies) {
    process.stdout.write(
      `  ${t.failed ? "✗" : "✓"} ${t.name.padEnd(34)} ${String(t.passed).padStart(4)} passed ${String(t.failed).padStart(3)} failed  ${t.seconds.toFixed(0)} s\n`,
    );
  }
  const passed = tallies.reduce((n, t) => n + t.passed, 0);
  const failed = tallies.reduce((n, t) => n + t.failed, 0);
  process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
  process.exitCode = failed === 0 ? 0 : 1;
}

main().catch((error) => {
  process.stderr.write(`\n${(error as Error).message}\n\n0 passed, 1 failed\n`);
  process.exitCode = 1;
});
