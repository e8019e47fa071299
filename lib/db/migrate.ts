import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { SqlSession } from "./sql";

// Applies prisma/migrations the way `prisma migrate deploy` would, without Prisma's schema
// engine (it cannot be downloaded here). The advisory lock id is Prisma's own, so this
// runner and Prisma's never interleave; the table shape is Prisma's, so `migrate status`
// reads it as up to date.
const PRISMA_MIGRATION_LOCK = 72707369;

const createTable = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(dir = path.resolve("prisma/migrations")): Migration[] {
  return fs
    .readdirSync(/*turbopackIgnore: true*/ dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(
        /*turbopackIgnore: true*/ path.join(dir, name, "migration.sql"),
        "utf8",
      );
      return { name, sql, checksum: crypto.createHash("sha256").update(sql).digest("hex") };
    });
}

export async function applyMigrations(session: SqlSession, migrations = readMigrations()) {
  await session.query("SELECT pg_advisory_lock($1)", [PRISMA_MIGRATION_LOCK]);
  try {
    await session.exec(createTable);
    const rows = await session.query<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM "_prisma_migrations"
       WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const applied = new Map(rows.map((r) => [r.migration_name, r.checksum]));
    const pending: string[] = [];

    for (const migration of migrations) {
      const known = applied.get(migration.name);
      if (known && known !== migration.checksum) {
        throw new Error(`Migration ${migration.name} was changed after it was applied.`);
      }
      if (known) continue;

      await session.exec("BEGIN");
      try {
        await session.exec(migration.sql);
        await session.query(
          `INSERT INTO "_prisma_migrations"
             (id, checksum, finished_at, migration_name, applied_steps_count)
           VALUES ($1, $2, now(), $3, 1)`,
          [crypto.randomUUID(), migration.checksum, migration.name],
        );
        await session.exec("COMMIT");
      } catch (error) {
        await session.exec("ROLLBACK");
        throw new Error(`Migration ${migration.name} failed: ${(error as Error).message}`);
      }
      pending.push(migration.name);
    }
    return pending;
  } finally {
    await session.query("SELECT pg_advisory_unlock($1)", [PRISMA_MIGRATION_LOCK]);
  }
}
