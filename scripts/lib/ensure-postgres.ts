import { execFileSync } from "node:child_process";
import fs from "node:fs";
import pg from "pg";

// The test suite needs a real PostgreSQL. Use KEYWARD_TEST_DATABASE_URL when given;
// otherwise start the machine's PostgreSQL 15 cluster and create a test role and database.

const ROLE = "keyward_test";
const PASSWORD = "keyward_test";
const DATABASE = "keyward_test";
const LOCAL_URL = `postgresql://${ROLE}:${PASSWORD}@127.0.0.1:5432/${DATABASE}`;

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function asPostgres(sql: string) {
  // SQL on stdin: no shell quoting of the statement at all.
  execFileSync("su", ["postgres", "-c", "psql -v ON_ERROR_STOP=1 -q -d postgres"], {
    input: sql,
    stdio: ["pipe", "ignore", "pipe"],
  });
}

export interface Postgres {
  url: string;
  stop(): void;
}

export async function ensurePostgres(log: (line: string) => void): Promise<Postgres> {
  const given = process.env.KEYWARD_TEST_DATABASE_URL;
  if (given) {
    if (!(await reachable(given)))
      throw new Error(`KEYWARD_TEST_DATABASE_URL is set but not reachable.`);
    return { url: given, stop: () => undefined };
  }
  if (await reachable(LOCAL_URL)) return { url: LOCAL_URL, stop: () => undefined };

  const ctl = "/usr/bin/pg_ctlcluster";
  if (!fs.existsSync(ctl)) {
    throw new Error(
      "The tests need PostgreSQL. Install PostgreSQL 15 (apt-get install postgresql-15) or set " +
        "KEYWARD_TEST_DATABASE_URL to a database whose user may CREATE DATABASE.",
    );
  }
  let started = false;
  const status = (() => {
    try {
      execFileSync(ctl, ["15", "main", "status"], { stdio: "ignore" });
      return "running";
    } catch {
      return "stopped";
    }
  })();
  if (status !== "running") {
    log("starting PostgreSQL 15 (pg_ctlcluster 15 main start)");
    execFileSync(ctl, ["--skip-systemctl-redirect", "15", "main", "start"], { stdio: "inherit" });
    started = true;
  }
  asPostgres(
    `DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${ROLE}') THEN ` +
      `CREATE ROLE ${ROLE} LOGIN CREATEDB PASSWORD '${PASSWORD}'; END IF; END $$;` +
      // Lets DROP DATABASE … WITH (FORCE) end an autovacuum worker in a scratch database.
      ` GRANT pg_signal_backend TO ${ROLE};`,
  );
  try {
    asPostgres(`CREATE DATABASE ${DATABASE} OWNER ${ROLE}`);
  } catch (error) {
    if (!String((error as { stderr?: Buffer }).stderr ?? "").includes("already exists"))
      throw error;
  }
  for (let i = 0; i < 30 && !(await reachable(LOCAL_URL)); i++)
    await new Promise((r) => setTimeout(r, 500));
  if (!(await reachable(LOCAL_URL)))
    throw new Error("PostgreSQL started but does not accept connections on 127.0.0.1:5432.");

  return {
    url: LOCAL_URL,
    stop() {
      if (!started) return;
      log("stopping PostgreSQL 15");
      execFileSync(ctl, ["--skip-systemctl-redirect", "15", "main", "stop"], { stdio: "inherit" });
    },
  };
}
