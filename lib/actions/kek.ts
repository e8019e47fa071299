"use server";

import { revalidatePath } from "next/cache";
import { rewrapBatch, type KekStatus } from "../keys/kek-rotation";
import { runAction } from "./run";
import type { ActionState } from "./state";

export type RewrapState = ActionState & { status?: KekStatus; rewrapped?: number };

/** One batch per call, so the admin page can show progress between batches. */
export async function rewrapBatchAction(): Promise<RewrapState> {
  let outcome: { status: KekStatus; rewrapped: number } | undefined;
  const state = await runAction("rewrapKekBatch", async (actor) => {
    outcome = await rewrapBatch(actor);
    return { message: `Re-wrapped ${outcome.rewrapped} keys.` };
  });
  if (outcome?.status.remaining === 0) revalidatePath("/admin/kek");
  return { ...state, ...outcome };
}
