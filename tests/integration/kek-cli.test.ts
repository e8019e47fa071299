import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { kekFromBase64, type Kek } from "@/lib/crypto/kek";
import { setKeyring } from "@/lib/crypto/keyring";
import { closeDatabase, db, openDatabase } from "@/lib/db/client";
import { generateKey } from "@/lib/keys/service";
import { signToken } from "@/lib/keys/sign";
import { forgetSigningKey } from "@/lib/keys/signing-keys";
import { createScratchDatabase, dropScratchDatabase } from "../support/postgres";
import { instanceAdmin, seedTenant, tokenActor } from "../support/fixtures";

// `npm run kek:rotate` as an operator runs it: a separate process on the same database,
// on the embedded database after the app released it, or on PostgreSQL.

const adminUrl = process.env.KEYWARD_TEST_DATABASE_URL;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "keyward-kek-cli-"));
let scratch: string | undefined;

afterAll(async () => {
  await closeDatabase();
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (adminUrl && scratch) await dropScratchDatabase(adminUrl, scratch);
});

const secretOf = () => crypto.randomBytes(32).toString("base64");
const ring = (current: Kek, ...previous: Kek[]) =>
  setKeyring({ current, byId: new Map([...previous, current].map((k) => [k.id, k])) });

async function openOwnDatabase() {
  if (adminUrl) await openDatabase({ url: scratch! });
  else await openDatabase({ dataDir: path.join(dataDir, "pgdata") });
}

function runCli(env: Record<string, string>, args: string[] = []) {
  const inherited = { ...process.env };
  delete inherited.DATABASE_URL;
  delete inherited.KEYWARD_TEST_DATABASE_URL;
  return new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/kek-rotate.ts", ...args], {
      cwd: path.resolve(import.meta.dirname, "../.."),
      env: {
        ...inherited,
        KEYWARD_DATA_DIR: dataDir,
        KEYWARD_LOG_LEVEL: "warn",
        ...(adminUrl ? { DATABASE_URL: scratch! } : {}),
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("exit", (code) => resolve({ code, output }));
  });
}

describe("npm run kek:rotate", () => {
  it("re-wraps every key under the new KEK, after which the old one can be dropped", async () => {
    const [old, fresh] = [secretOf(), secretOf()];
    const [kek1, kek2] = [kekFromBase64(old), kekFromBase64(fresh)];
    await closeDatabase();
    if (adminUrl) scratch = await createScratchDatabase(adminUrl);
    await openOwnDatabase();
    ring(kek1);
    const admin = await instanceAdmin();
    const { slug } = await seedTenant(admin);
    const signer = await tokenActor(admin, slug, ["keys:sign"]);
    const keys = [];
    for (const alg of ["ES256", "EdDSA", "HS512"] as const) {
      keys.push(await generateKey(admin, slug, { alg }));
    }
    await closeDatabase();

    const status = await runCli({ KEYWARD_MASTER_KEY: fresh, KEYWARD_PREVIOUS_MASTER_KEYS: old }, [
      "--status",
    ]);
    expect(status.output).toContain(`KEK ${kek1.id} (previous): 3 tenant keys`);
    const run = await runCli({ KEYWARD_MASTER_KEY: fresh, KEYWARD_PREVIOUS_MASTER_KEYS: old }, [
      "--batch-size",
      "2",
    ]);
    expect(run.code, run.output).toBe(0);
    expect(run.output).toContain("Re-wrapped 2/3 (67%)");
    expect(run.output).toContain("Re-wrapped 3/3 (100%)");
    expect(run.output).toContain(
      `KEK ${kek1.id} is no longer used: remove it from KEYWARD_PREVIOUS_MASTER_KEYS.`,
    );
    expect(run.output).not.toContain(old);

    // The app restarts with the new KEK only, and every key still signs.
    await openOwnDatabase();
    ring(kek2);
    for (const key of keys) forgetSigningKey(key.id);
    for (const alg of ["ES256", "EdDSA", "HS512"]) {
      const signed = await signToken(signer, slug, { alg, claims: {} });
      expect(signed.kid).toBe(keys.find((k) => k.alg === alg)!.kid);
    }
    const events = await (await db()).auditEvent.findMany({ where: { action: "kek.rewrapped" } });
    expect(events.map((e) => e.actorLabel)).toEqual(["system", "system"]);

    const bad = await runCli({ KEYWARD_MASTER_KEY: fresh }, ["--batch-size", "0"]);
    expect(bad.code).toBe(1);
    expect(bad.output).toContain("--batch-size must be a whole number from 1 to 1000.");
  });
});
