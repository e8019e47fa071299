// Gives each integration test file its own empty, migrated database: an in-memory PGlite,
// or a fresh PostgreSQL database when KEYWARD_TEST_DATABASE_URL is set.
import crypto from "node:crypto";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { kekFromBase64 } from "@/lib/crypto/kek";
import { setKeyring } from "@/lib/crypto/keyring";
import { closeDatabase, openDatabase } from "@/lib/db/client";
import { jwksCache } from "@/lib/jwks/cache";
import { createScratchDatabase, dropScratchDatabase } from "./postgres";

process.env.KEYWARD_DATA_DIR ??= path.join(os.tmpdir(), `keyward-it-${process.pid}`);
process.env.KEYWARD_PUBLIC_URL ??= "http://keyward.test";
process.env.KEYWARD_LOG_LEVEL ??= "silent";

const adminUrl = process.env.KEYWARD_TEST_DATABASE_URL;
let scratch: string | undefined;

beforeAll(async () => {
  const kek = kekFromBase64(crypto.randomBytes(32).toString("base64"));
  setKeyring({ current: kek, byId: new Map([[kek.id, kek]]) });
  if (adminUrl) {
    scratch = await createScratchDatabase(adminUrl);
    await openDatabase({ url: scratch });
  } else {
    await openDatabase({ memory: true });
  }
  jwksCache("http://keyward.test");
});

afterAll(async () => {
  await closeDatabase();
  if (adminUrl && scratch) await dropScratchDatabase(adminUrl, scratch);
});
