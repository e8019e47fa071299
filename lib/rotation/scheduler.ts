import { getDatabase, db } from "../db/client";
import { findNextDestruction, listDueDestructions } from "../db/keys";
import { listEnabledPolicies } from "../db/policies";
import { destroyDueKey } from "../keys/destruction";
import { logger } from "../logger";
import { planPolicySlot, runPolicyStep, type PolicySlot } from "./steps";

// The in-process scheduler: every interval it does what policies and destructions make
// due. Several instances may share one PostgreSQL, so a tick runs only while holding a
// session advisory lock (one instance works at a time), and every step re-checks under
// the tenant lock that it is still due (a step never happens twice). Time is a parameter:
// `tick(now)` does exactly what is due at `now`.

const SCHEDULER_LOCK = 7270736903;
// Bounds the steps one slot takes per tick (promote, stage, a few unpublishes).
const MAX_STEPS_PER_SLOT = 8;

export interface TickAction {
  slug: string;
  alg?: string;
  kind: "promote" | "stage" | "unpublish" | "destroy";
  kid?: string;
}

export interface TickReport {
  /** False when another scheduler held the lock; nothing was done. */
  ran: boolean;
  actions: TickAction[];
  failures: number;
  /** The next instant something becomes due, if nothing else changes before. */
  nextDueAt: Date | null;
}

const runningKey = Symbol.for("keyward.scheduler.running");
const store = globalThis as typeof globalThis & { [runningKey]?: boolean };

/** Runs `work` if no other scheduler (here or on another instance) is running; else null. */
async function withTickLock<T>(work: () => Promise<T>): Promise<T | null> {
  if (store[runningKey]) return null;
  store[runningKey] = true;
  try {
    const database = await getDatabase();
    // PGlite is one process by construction (the data-folder lock): the flag suffices.
    if (database.kind === "pglite") return await work();
    const session = await database.session();
    try {
      const [row] = await session.query<{ locked: boolean }>(
        `SELECT pg_try_advisory_lock(${SCHEDULER_LOCK}) AS locked`,
      );
      if (!row?.locked) return null;
      try {
        return await work();
      } finally {
        await session.query(`SELECT pg_advisory_unlock(${SCHEDULER_LOCK})`);
      }
    } finally {
      await session.close();
    }
  } finally {
    store[runningKey] = false;
  }
}

async function runSlot(slot: PolicySlot, now: Date, report: TickReport): Promise<Date | null> {
  const prisma = await db();
  for (let i = 0; i < MAX_STEPS_PER_SLOT; i += 1) {
    const plan = await planPolicySlot(prisma, slot, now);
    if (!plan) return null;
    const step = plan.steps[0];
    if (!step) return plan.nextDueAt;
    const done = await runPolicyStep(slot, step, now);
    if (done) {
      report.actions.push({
        slug: slot.slug,
        alg: slot.alg,
        kind: step.kind,
        ...("kid" in step ? { kid: step.kid } : {}),
      });
    }
  }
  return now;
}

/** Does everything due at `now` that no other instance is doing. Safe to call at any rate. */
export async function runDueWork(now: Date): Promise<TickReport> {
  const report: TickReport = { ran: true, actions: [], failures: 0, nextDueAt: null };
  const next: number[] = [];

  for (const policy of await listEnabledPolicies()) {
    const slot = {
      tenantId: policy.tenantId,
      slug: policy.tenant.slug,
      use: policy.use,
      alg: policy.alg,
    };
    try {
      const due = await runSlot(slot, now, report);
      if (due) next.push(due.getTime());
    } catch (error) {
      report.failures += 1;
      logger.error(
        { tenantId: slot.tenantId, alg: slot.alg, err: (error as Error).message },
        "scheduled rotation step failed",
      );
    }
  }

  for (const key of await listDueDestructions(now)) {
    try {
      if (await destroyDueKey(key.tenant.slug, key.kid, now)) {
        report.actions.push({ slug: key.tenant.slug, kind: "destroy", kid: key.kid });
      }
    } catch (error) {
      report.failures += 1;
      logger.error(
        { slug: key.tenant.slug, kid: key.kid, err: (error as Error).message },
        "scheduled destruction failed",
      );
    }
  }
  const pending = await findNextDestruction(now);
  if (pending?.destroyAfter) next.push(pending.destroyAfter.getTime());

  report.nextDueAt = next.length ? new Date(Math.min(...next)) : null;
  return report;
}

/** One scheduler tick: the due work, under the scheduler lock. */
export async function tick(now: Date): Promise<TickReport> {
  const report = await withTickLock(() => runDueWork(now));
  return report ?? { ran: false, actions: [], failures: 0, nextDueAt: null };
}

export interface RunningScheduler {
  stop(): Promise<void>;
}

/** Ticks every `intervalMs` (0 disables it) until stopped; a slow tick is never overlapped. */
export function startScheduler(
  intervalMs: number,
  clock: () => Date = () => new Date(),
): RunningScheduler {
  if (intervalMs <= 0) {
    logger.info({}, "rotation scheduler disabled");
    return { stop: async () => undefined };
  }
  let current: Promise<void> | null = null;
  const run = () => {
    if (current) return;
    current = tick(clock())
      .then((report) => {
        if (report.actions.length || report.failures) {
          logger.info(
            { actions: report.actions.length, failures: report.failures },
            "rotation scheduler tick",
          );
        }
      })
      .catch((error) => {
        logger.error({ err: (error as Error).message }, "rotation scheduler tick failed");
      })
      .finally(() => {
        current = null;
      });
  };
  const first = setTimeout(run, Math.min(intervalMs, 1_000));
  const timer = setInterval(run, intervalMs);
  first.unref();
  timer.unref();
  logger.info({ intervalMs }, "rotation scheduler started");

  return {
    async stop() {
      clearTimeout(first);
      clearInterval(timer);
      await current;
    },
  };
}
