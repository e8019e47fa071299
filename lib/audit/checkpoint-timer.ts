import { logger } from "../logger";
import { createCheckpoint } from "./checkpoints";

// The daily checkpoint. Every instance runs this timer; the checkpoint lock (taken with
// try-lock) and the age check make exactly one of them sign, once a day.

export interface CheckpointTimerOptions {
  everyMs?: number;
  maxAgeMs?: number;
  firstRunMs?: number;
}

const HOUR = 60 * 60 * 1000;

export async function checkpointIfDue(maxAgeMs = 24 * HOUR) {
  try {
    const made = await createCheckpoint({ wait: false, maxAgeMs });
    if (made) logger.info({ headId: made.headId, count: made.count }, "audit checkpoint ready");
    return made;
  } catch (error) {
    logger.error({ err: (error as Error).message }, "daily audit checkpoint failed");
    return null;
  }
}

/** Starts the timer; it never keeps the process alive. Returns a stop function. */
export function startCheckpointTimer(options: CheckpointTimerOptions = {}): () => void {
  const run = () => void checkpointIfDue(options.maxAgeMs);
  const first = setTimeout(run, options.firstRunMs ?? 60_000);
  const every = setInterval(run, options.everyMs ?? HOUR);
  first.unref();
  every.unref();
  return () => {
    clearTimeout(first);
    clearInterval(every);
  };
}
