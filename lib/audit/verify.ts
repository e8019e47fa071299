import { listChainBatch } from "../db/audit-events";
import { chainHash, GENESIS_HASH } from "./canonical";

export type ChainVerdict =
  | { ok: true; checked: number }
  | { ok: false; checked: number; firstBrokenId: string; reason: string };

const BATCH = 2_000;

/**
 * Recomputes the whole chain in id order. Names the first event whose stored link or hash
 * does not match what its content and predecessor imply.
 */
export async function verifyChain(onProgress?: (checked: number) => void): Promise<ChainVerdict> {
  let prevHash = GENESIS_HASH;
  let afterId = 0n;
  let checked = 0;
  for (;;) {
    const batch = await listChainBatch(afterId, BATCH);
    for (const event of batch) {
      if (event.prevHash !== prevHash) {
        return {
          ok: false,
          checked,
          firstBrokenId: event.id.toString(),
          reason:
            "prev_hash does not match the previous event's hash (an event was removed, inserted or reordered before it)",
        };
      }
      if (chainHash(prevHash, event) !== event.hash) {
        return {
          ok: false,
          checked,
          firstBrokenId: event.id.toString(),
          reason: "content does not match its hash (the event was edited)",
        };
      }
      prevHash = event.hash;
      afterId = event.id;
      checked += 1;
    }
    onProgress?.(checked);
    if (batch.length < BATCH) return { ok: true, checked };
  }
}
