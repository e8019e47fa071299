import crypto from "node:crypto";
import pg from "pg";

/** Creates an empty database next to the one in `adminUrl` and returns its URL. */
export async function createScratchDatabase(adminUrl: string): Promise<string> {
  const name = `keyward_t_${crypto.randomBytes(6).toString("hex")}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropScratchDatabase(adminUrl: string, scratchUrl: string) {
  const name = new URL(scratchUrl).pathname.slice(1);
  // FORCE cannot end an autovacuum worker that happens to be in the database (it belongs
  // to the superuser); it finishes within moments, so try again briefly.
  for (let attempt = 1; ; attempt++) {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      return;
    } catch (error) {
      if (attempt >= 20 || (error as { code?: string }).code !== "42501") throw error;
    } finally {
      await client.end();
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
