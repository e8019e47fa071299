import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { env } from "../env";
import { logger } from "../logger";
import { kekFromBase64, type Kek } from "./kek";

// The current KEK wraps new material; previous ones (KEYWARD_PREVIOUS_MASTER_KEYS, comma
// separated) still unwrap rows not yet re-wrapped.

export interface Keyring {
  current: Kek;
  byId: Map<string, Kek>;
}

const globalKey = Symbol.for("keyward.keyring");
const store = globalThis as typeof globalThis & { [globalKey]?: Keyring };

function loadOrCreateLocalKek(dataDir: string): string {
  const file = path.join(dataDir, "master.key");
  if (fs.existsSync(/*turbopackIgnore: true*/ file)) return fs.readFileSync(file, "utf8").trim();
  fs.mkdirSync(/*turbopackIgnore: true*/ dataDir, { recursive: true, mode: 0o700 });
  const value = crypto.randomBytes(32).toString("base64");
  fs.writeFileSync(file, value + "\n", { mode: 0o600, flag: "wx" });
  return value;
}

export function keyring(): Keyring {
  if (store[globalKey]) return store[globalKey];
  const config = env();
  let currentValue = config.KEYWARD_MASTER_KEY;
  if (!currentValue) {
    currentValue = loadOrCreateLocalKek(config.dataDir);
    logger.warn(
      { file: path.join(config.dataDir, "master.key") },
      "KEYWARD_MASTER_KEY is not set; using a key-encryption key stored in the data folder",
    );
  }
  const current = kekFromBase64(currentValue);
  const previous = (config.KEYWARD_PREVIOUS_MASTER_KEYS ?? "")
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean)
    .map(kekFromBase64);
  const byId = new Map([...previous, current].map((k) => [k.id, k]));
  store[globalKey] = { current, byId };
  return store[globalKey];
}

/** For tests: use an explicit keyring instead of the environment's. */
export function setKeyring(value: Keyring | undefined) {
  store[globalKey] = value;
}
