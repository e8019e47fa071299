// A scheduler step decides twice: once from a plain read, then again inside its
// transaction under the tenant lock. When the second look finds the step already done
// (another instance, an operator), the step throws this to roll back without a trace.

export class StepNoLongerDue extends Error {
  constructor() {
    super("The step is no longer due.");
    this.name = "StepNoLongerDue";
  }
}

/** The step's result, or null when it turned out to be no longer due. */
export async function unlessStale<T>(work: Promise<T>): Promise<T | null> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof StepNoLongerDue) return null;
    throw error;
  }
}
