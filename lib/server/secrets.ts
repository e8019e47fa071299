import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** A random secret kept in the data folder (mode 0600) so sessions survive restarts. */
export function persistentSecret(dataDir: string, name: string): string {
  const file = path.join(dataDir, name);
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const value = crypto.randomBytes(32).toString("base64url");
  fs.writeFileSync(file, value + "\n", { mode: 0o600 });
  return value;
}
