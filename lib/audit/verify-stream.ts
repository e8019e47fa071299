import type { Actor } from "../auth/actor";
import { authorizeTenant } from "../authz/authorize";
import { logger } from "../logger";
import { presentVerdict, verifyWholeChain } from "./service";

// "Verify chain" with progress: one JSON object per line, {"type":"progress",checked,total}
// while the chain is read, then {"type":"result",...verdict}. Authorization happens before
// the stream starts, so a refusal is an ordinary 403/404 response.

const PROGRESS_EVERY_MS = 200;

export async function verifyProgressStream(actor: Actor, slug: string) {
  await authorizeTenant(actor, slug, "audit.read", "audit.verified");
  const encoder = new TextEncoder();
  let cancelled = false;

  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (line: object) => {
        if (!cancelled) controller.enqueue(encoder.encode(JSON.stringify(line) + "\n"));
      };
      let lastSent = 0;
      try {
        const verdict = await verifyWholeChain(({ checked, total }) => {
          // Stops reading the chain when the browser went away.
          if (cancelled) throw new Error("verification cancelled");
          const now = Date.now();
          if (now - lastSent < PROGRESS_EVERY_MS) return;
          lastSent = now;
          send({ type: "progress", checked, total });
        });
        send({ type: "result", ...presentVerdict(verdict) });
        if (!cancelled) controller.close();
      } catch (error) {
        if (cancelled) return;
        logger.error({ slug, err: (error as Error).message }, "chain verification failed");
        send({ type: "error", message: "Verification could not finish. Try again." });
        if (!cancelled) controller.close();
      }
    },
    cancel() {
      cancelled = true;
    },
  });
}

export function ndjsonResponse(body: ReadableStream<Uint8Array>) {
  return new Response(body, {
    headers: {
      "content-type": "application/x-ndjson; charset=utf-8",
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
