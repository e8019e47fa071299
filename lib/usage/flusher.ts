import { addUsage, pruneUsageCounters } from "../db/usage";
import { logger } from "../logger";
import { installUsageRecorder, uninstallUsageRecorder } from "./counting";
import type { UsageBatch, UsageRecorder } from "./recorder";

// Moves what the recorder counted into usage_counters every few seconds and once more on
// shutdown. Rows are increments (INSERT … ON CONFLICT add), so any number of instances
// flushing into one database add up. A crash loses at most one interval of counts.

export const USAGE_RETENTION_DAYS = 31;
const PRUNE_EVERY_MS = 60 * 60_000;
const DAY_MS = 86_400_000;

export interface FlusherOptions {
  intervalMs: number;
  /** Writes one batch; the database by default (a parameter for tests of failure). */
  write?: (batch: UsageBatch) => Promise<void>;
  clock?: () => number;
}

export class UsageFlusher {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private lastPrune = 0;
  private readonly write: (batch: UsageBatch) => Promise<void>;
  private readonly clock: () => number;

  constructor(
    private readonly recorder: UsageRecorder,
    private readonly options: FlusherOptions,
  ) {
    this.write = options.write ?? addUsage;
    this.clock = options.clock ?? Date.now;
  }

  start() {
    this.timer = setInterval(() => void this.flush(), this.options.intervalMs);
    this.timer.unref();
  }

  /** Flushes now; concurrent calls wait for the flush in progress, then run their own. */
  async flush(): Promise<void> {
    while (this.running) await this.running;
    this.running = this.flushOnce().finally(() => (this.running = undefined));
    return this.running;
  }

  /** Stops the timer and writes what is left. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  private async flushOnce() {
    const dropped = this.recorder.takeDropped();
    if (dropped > 0)
      logger.warn({ dropped }, "usage increments dropped while the database was unreachable");

    const batch = this.recorder.drain();
    if (batch.counters.length > 0 || batch.lastUsed.length > 0) {
      try {
        await this.write(batch);
      } catch (error) {
        // LIMITATION: if the commit succeeded but its answer was lost, the retry counts the
        // batch twice; the window is one round trip, the cost a slightly high total.
        this.recorder.restore(batch);
        logger.error(
          { err: (error as Error).message, rows: batch.counters.length },
          "usage flush failed; will retry",
        );
        return;
      }
    }
    await this.pruneWhenDue();
  }

  private async pruneWhenDue() {
    const now = this.clock();
    if (now - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = now;
    try {
      const removed = await pruneUsageCounters(new Date(now - USAGE_RETENTION_DAYS * DAY_MS));
      if (removed > 0) logger.info({ removed }, "pruned old usage counters");
    } catch (error) {
      logger.error({ err: (error as Error).message }, "usage prune failed");
    }
  }
}

/** Installs the process's recorder and starts flushing; `stop` writes the rest. */
export function startUsageCounting(options: { enabled: boolean; intervalMs: number }) {
  if (!options.enabled) {
    logger.info({}, "usage counting is off (KEYWARD_USAGE_COUNTING=off)");
    return { stop: async () => undefined };
  }
  const flusher = new UsageFlusher(installUsageRecorder(), { intervalMs: options.intervalMs });
  flusher.start();
  return {
    stop: async () => {
      await flusher.stop().catch((error: Error) => {
        logger.error({ err: error.message }, "final usage flush failed");
      });
      uninstallUsageRecorder();
    },
  };
}
