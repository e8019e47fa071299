// `npm run audit:verify [-- --checkpoint keyward-checkpoint-N.json]`: recomputes the whole
// audit chain of the configured database (DATABASE_URL, or the embedded one in
// KEYWARD_DATA_DIR — stop the server first: an embedded database has one user). With a
// checkpoint downloaded earlier, also proves that the event it signed still has the signed
// hash. Prints progress to stderr and the verdict as JSON; exits 0 intact, 1 broken, 2 error.
import fs from "node:fs";
import type { JWK } from "jose";
import { verifyCheckpointJws } from "../lib/audit/checkpoints";
import { presentVerdict, verifyWholeChain } from "../lib/audit/service";
import type { Anchor } from "../lib/audit/verify";
import { closeDatabase, getDatabase } from "../lib/db/client";

async function anchorFromFile(file: string): Promise<Anchor> {
  const document = JSON.parse(fs.readFileSync(file, "utf8")) as {
    checkpoint: { id: string; jws: string };
    keys: { keys: JWK[] };
  };
  const payload = await verifyCheckpointJws(document.checkpoint.jws, document.keys);
  return {
    headId: BigInt(payload.headId),
    headHash: payload.headHash,
    label: `the checkpoint in ${file}`,
  };
}

async function main(): Promise<number> {
  const at = process.argv.indexOf("--checkpoint");
  const anchors = at > 0 ? [await anchorFromFile(process.argv[at + 1])] : [];
  await getDatabase();
  const started = Date.now();
  let lastShown = 0;
  const verdict = await verifyWholeChain(({ checked, total }) => {
    if (Date.now() - lastShown < 1000 && checked < total) return;
    lastShown = Date.now();
    const percent = total ? Math.floor((checked / total) * 100) : 100;
    process.stderr.write(
      `checked ${checked.toLocaleString()} of ${total.toLocaleString()} (${percent}%)\n`,
    );
  }, anchors);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  process.stdout.write(
    JSON.stringify({ ...presentVerdict(verdict), seconds: Number(seconds) }) + "\n",
  );
  return verdict.ok ? 0 : 1;
}

let code = 2;
try {
  code = await main();
} catch (error) {
  process.stderr.write(`audit:verify could not run: ${(error as Error).message}\n`);
} finally {
  await closeDatabase().catch(() => undefined);
}
process.exit(code);
