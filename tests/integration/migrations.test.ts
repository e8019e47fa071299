import { describe, expect, it } from "vitest";
import { getDatabase } from "@/lib/db/client";
import { applyMigrations, readMigrations } from "@/lib/db/migrate";

describe("migration runner", () => {
  it("records every migration in Prisma's table and is a no-op the second time", async () => {
    const database = await getDatabase();
    const session = await database.session();
    try {
      expect(await applyMigrations(session)).toEqual([]);
      const rows = await session.query<{ migration_name: string; checksum: string }>(
        `SELECT migration_name, checksum FROM "_prisma_migrations" ORDER BY migration_name`,
      );
      expect(rows).toEqual(
        readMigrations().map((m) => ({ migration_name: m.name, checksum: m.checksum })),
      );
    } finally {
      await session.close();
    }
  });

  it("refuses to run when an applied migration was edited", async () => {
    const database = await getDatabase();
    const session = await database.session();
    try {
      const [first, ...rest] = readMigrations();
      const edited = { ...first, checksum: "0".repeat(64) };
      await expect(applyMigrations(session, [edited, ...rest])).rejects.toThrow(
        /changed after it was applied/,
      );
    } finally {
      await session.close();
    }
  });
});
