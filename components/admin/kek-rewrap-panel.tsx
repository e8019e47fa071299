"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { rewrapBatchAction } from "@/lib/actions/kek";
import type { KekStatus } from "@/lib/keys/kek-rotation";
import { Button } from "../ui/button";

/**
 * Runs the re-wrap one batch per server action, so the bar moves as batches commit and a
 * closed tab only stops between batches (each batch is its own transaction).
 */
export function KekRewrapPanel({ initial }: { initial: KekStatus }) {
  const router = useRouter();
  const [status, setStatus] = useState(initial);
  const [done, setDone] = useState(0);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const total = done + status.remaining;
  const percent = total === 0 ? 100 : Math.round((done / total) * 100);

  async function run() {
    setRunning(true);
    setError(null);
    try {
      for (;;) {
        const result = await rewrapBatchAction();
        if (!result.ok || !result.status) {
          setError(result.message ?? "The re-wrap stopped.");
          return;
        }
        setStatus(result.status);
        setDone((n) => n + (result.rewrapped ?? 0));
        if (result.status.remaining === 0 || !result.rewrapped) return;
      }
    } finally {
      setRunning(false);
      router.refresh();
    }
  }

  return (
    <div className="space-y-3">
      <div
        role="progressbar"
        aria-label="Keys re-wrapped"
        aria-valuemin={0}
        aria-valuemax={Math.max(total, 1)}
        aria-valuenow={total === 0 ? 1 : done}
        aria-valuetext={`${done} of ${total} re-wrapped`}
        className="h-3 w-full overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800"
      >
        <div className="h-full bg-indigo-600 transition-all" style={{ width: `${percent}%` }} />
      </div>
      <p className="text-sm" aria-live="polite">
        {status.remaining === 0
          ? `Every key is wrapped by the current KEK${done ? ` (${done} re-wrapped now)` : ""}.`
          : `${status.remaining} ${status.remaining === 1 ? "key is" : "keys are"} still wrapped by a previous KEK${done ? `; ${done} re-wrapped so far` : ""}.`}
      </p>
      {error && (
        <p role="status" className="text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
      {status.remaining > 0 && (
        <Button type="button" onClick={run} disabled={running}>
          {running ? `Re-wrapping… ${percent}%` : "Re-wrap all keys"}
        </Button>
      )}
    </div>
  );
}
