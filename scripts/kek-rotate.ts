// npm run kek:rotate [-- --status] [-- --batch-size 50]
//
// Re-wraps every private key under the current KEYWARD_MASTER_KEY. Roll a new KEK in by
// starting every instance with KEYWARD_MASTER_KEY=<new> and KEYWARD_PREVIOUS_MASTER_KEYS=<old>,
// then run this (or use the console's Admin → KEK page). Once it reports the old KEK as
// droppable, remove it from KEYWARD_PREVIOUS_MASTER_KEYS. Acts as the `system` actor; each
// batch is one audited transaction. On the embedded database, stop the server first (one
// process may open the data folder); on PostgreSQL it runs beside live instances.
import { systemActor } from "../lib/auth/actor";
import { keyring } from "../lib/crypto/keyring";
import { closeDatabase, getDatabase } from "../lib/db/client";
import {
  DEFAULT_BATCH_SIZE,
  readKekStatus,
  rewrapAll,
  type KekStatus,
} from "../lib/keys/kek-rotation";

function print(line: string) {
  process.stdout.write(`${line}\n`);
}

function describe(status: KekStatus) {
  for (const usage of status.kekIds) {
    print(
      `  KEK ${usage.kekId} (${usage.role}): ${usage.keys} tenant keys, ${usage.systemKeys} system keys`,
    );
  }
  if (status.unreadable > 0) {
    print(
      `  ${status.unreadable} keys use a KEK that is not configured; they cannot be re-wrapped.`,
    );
  }
  for (const id of status.droppable) {
    print(`  KEK ${id} is no longer used: remove it from KEYWARD_PREVIOUS_MASTER_KEYS.`);
  }
}

function batchSizeArgument(args: string[]): number {
  const at = args.indexOf("--batch-size");
  if (at < 0) return DEFAULT_BATCH_SIZE;
  const value = Number(args[at + 1]);
  if (!Number.isInteger(value) || value < 1 || value > 1000) {
    throw new Error("--batch-size must be a whole number from 1 to 1000.");
  }
  return value;
}

async function main() {
  const args = process.argv.slice(2);
  const batchSize = batchSizeArgument(args);
  keyring();
  await getDatabase();

  const before = await readKekStatus();
  print(`Current KEK: ${before.currentKekId}`);
  describe(before);
  if (args.includes("--status")) return;
  if (before.remaining === 0) {
    print("Every key is already wrapped by the current KEK.");
    return;
  }

  let done = 0;
  const after = await rewrapAll(systemActor, {
    batchSize,
    onBatch: ({ rewrapped, status }) => {
      done += rewrapped;
      const total = done + status.remaining;
      print(`Re-wrapped ${done}/${total} (${Math.round((done / Math.max(total, 1)) * 100)}%)`);
    },
  });
  print(
    after.remaining === 0
      ? "Done."
      : `${after.remaining} keys were locked by another re-wrap in progress; run this again.`,
  );
  describe(after);
}

main()
  .then(() => closeDatabase())
  .catch(async (error) => {
    process.stderr.write(`kek:rotate failed: ${(error as Error).message}\n`);
    await closeDatabase().catch(() => undefined);
    process.exit(1);
  });
