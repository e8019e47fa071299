import fs from "node:fs";
import path from "node:path";
import type { SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaClient } from "./generated/client";
import type { SqlSession } from "./sql";
import { acquireDataLock } from "./data-lock";
import { applyMigrations } from "./migrate";

// One handle per process, kept on globalThis: the custom server and Next's bundles load
// separate copies of this module, and two handles on one PGlite folder lose writes.

export type DatabaseKind = "pglite" | "postgresql";

// Secret columns are left out of every query unless a caller asks for them by name.
function createClient(adapter: SqlDriverAdapterFactory) {
  return new PrismaClient({
    adapter,
    omit: {
      key: { privateCiphertext: true },
      user: { passwordHash: true },
      apiToken: { tokenHash: true },
    },
  });
}

export type AppPrisma = ReturnType<typeof createClient>;

export interface Database {
  kind: DatabaseKind;
  prisma: AppPrisma;
  /** A dedicated session for migrations and one-off scripts. */
  session(): Promise<SqlSession>;
  /** Subscribe to NOTIFY on a channel; `onReset` runs when delivery may have had a gap. */
  listen(
    channel: string,
    onMessage: (payload: string) => void,
    onReset?: () => void,
  ): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface OpenOptions {
  url?: string;
  /** Folder for the embedded database; ignored when `url` is given. */
  dataDir?: string;
  /** An in-memory embedded database (tests). */
  memory?: boolean;
  migrate?: boolean;
}

const globalKey = Symbol.for("keyward.database");
type GlobalWithDb = typeof globalThis & { [globalKey]?: Promise<Database> };
const store = globalThis as GlobalWithDb;

export function openDatabase(options: OpenOptions): Promise<Database> {
  if (!store[globalKey]) {
    store[globalKey] = connect(options).catch((error) => {
      store[globalKey] = undefined;
      throw error;
    });
  }
  return store[globalKey];
}

/** The process's database. Opens it from the environment on first use. */
export async function getDatabase(): Promise<Database> {
  if (store[globalKey]) return store[globalKey];
  const { env } = await import("../env");
  const config = env();
  return openDatabase({ url: config.DATABASE_URL, dataDir: path.join(config.dataDir, "pgdata") });
}

export async function db(): Promise<AppPrisma> {
  return (await getDatabase()).prisma;
}

export async function closeDatabase(): Promise<void> {
  const current = store[globalKey];
  store[globalKey] = undefined;
  if (current) await (await current).close();
}

async function connect(options: OpenOptions): Promise<Database> {
  const database = options.url ? await connectPostgres(options.url) : await connectPglite(options);
  if (options.migrate !== false) {
    const session = await database.session();
    try {
      await applyMigrations(session);
    } finally {
      await session.close();
    }
  }
  return database;
}

async function connectPostgres(url: string): Promise<Database> {
  const { default: pg } = await import("pg");
  const { PrismaPg } = await import("@prisma/adapter-pg");
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const prisma = createClient(new PrismaPg(pool));

  const session = async (): Promise<SqlSession> => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    return {
      query: async (text, params) => (await client.query(text, params as unknown[])).rows,
      exec: async (script) => void (await client.query(script)),
      close: () => client.end(),
    };
  };

  const listen: Database["listen"] = async (channel, onMessage, onReset) => {
    let client: InstanceType<typeof pg.Client> | undefined;
    let stopped = false;
    let retry: NodeJS.Timeout | undefined;

    const start = async () => {
      const next = new pg.Client({ connectionString: url });
      next.on("notification", (msg) => msg.channel === channel && onMessage(msg.payload ?? ""));
      next.on("error", () => scheduleRestart());
      next.on("end", () => scheduleRestart());
      await next.connect();
      await next.query(`LISTEN "${channel}"`);
      client = next;
    };
    const scheduleRestart = () => {
      if (stopped || retry) return;
      client = undefined;
      onReset?.();
      retry = setTimeout(() => {
        retry = undefined;
        start().catch(() => scheduleRestart());
      }, 500);
    };

    await start();
    return async () => {
      stopped = true;
      clearTimeout(retry);
      await client?.end().catch(() => undefined);
    };
  };

  return {
    kind: "postgresql",
    prisma,
    session,
    listen,
    close: async () => {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

async function connectPglite(options: OpenOptions): Promise<Database> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { PrismaPGlite } = await import("pglite-prisma-adapter");

  let release = () => undefined as void;
  let pglite;
  if (options.memory || !options.dataDir) {
    pglite = new PGlite();
  } else {
    fs.mkdirSync(/*turbopackIgnore: true*/ options.dataDir, { recursive: true, mode: 0o700 });
    release = acquireDataLock(path.dirname(options.dataDir));
    pglite = new PGlite(options.dataDir);
  }
  await pglite.waitReady;
  const prisma = createClient(new PrismaPGlite(pglite));

  // PGlite is a single connection; sessions share it (migrations run before any traffic).
  const session = async (): Promise<SqlSession> => ({
    query: async (text, params) => (await pglite.query(text, params as unknown[])).rows as never[],
    exec: async (script) => void (await pglite.exec(script)),
    close: async () => undefined,
  });

  return {
    kind: "pglite",
    prisma,
    session,
    listen: (channel, onMessage) => pglite.listen(channel, onMessage),
    close: async () => {
      await prisma.$disconnect();
      await pglite.close();
      release();
    },
  };
}
