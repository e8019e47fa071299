"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import type { VerdictView } from "@/lib/audit/service";
import { Button } from "../ui/button";

type Line =
  | { type: "progress"; checked: number; total: number }
  | ({ type: "result" } & VerdictView)
  | { type: "error"; message: string };

/** Reads the verify stream line by line, reporting progress, and returns the verdict. */
async function runVerification(slug: string, onProgress: (checked: number, total: number) => void) {
  const response = await fetch(`/tenants/${slug}/audit/verify`, { cache: "no-store" });
  if (!response.ok || !response.body) {
    const body = await response.json().catch(() => null);
    throw new Error(body?.error?.message ?? "Verification could not start. Try again.");
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffered += value;
    const lines = buffered.split("\n");
    buffered = lines.pop() ?? "";
    for (const text of lines.filter(Boolean)) {
      const line = JSON.parse(text) as Line;
      if (line.type === "progress") onProgress(line.checked, line.total);
      if (line.type === "error") throw new Error(line.message);
      if (line.type === "result") return line;
    }
  }
  throw new Error("The connection closed before verification finished. Try again.");
}

export function VerifyChain({ slug }: { slug: string }) {
  const [progress, setProgress] = useState<{ checked: number; total: number } | null>(null);
  const verify = useMutation({
    mutationFn: () => runVerification(slug, (checked, total) => setProgress({ checked, total })),
    onMutate: () => setProgress(null),
  });
  const verdict = verify.data;

  return (
    <div className="space-y-3">
      <Button type="button" onClick={() => verify.mutate()} disabled={verify.isPending}>
        {verify.isPending ? "Verifying…" : "Verify chain"}
      </Button>
      {verify.isPending && (
        <div aria-live="polite" className="space-y-1 text-sm">
          <progress
            className="w-full"
            aria-label="Verification progress"
            max={progress?.total || 1}
            value={progress?.checked ?? 0}
          />
          <p className="text-slate-500">
            {progress
              ? `Checked ${progress.checked.toLocaleString()} of ${progress.total.toLocaleString()} events…`
              : "Reading the chain…"}
          </p>
        </div>
      )}
      <div role="status" aria-live="polite">
        {verify.isError && (
          <p className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
            {verify.error.message}
          </p>
        )}
        {verdict?.ok === true && (
          <p className="rounded-md border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100">
            Chain intact: {verdict.checked.toLocaleString()} events verified, head{" "}
            <code className="break-all">{verdict.headHash?.slice(0, 16)}…</code>
          </p>
        )}
        {verdict?.ok === false && (
          <p className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
            Chain broken at event{" "}
            <Link
              className="font-mono underline"
              href={`/tenants/${slug}/audit/events/${verdict.firstBrokenId}`}
            >
              {verdict.firstBrokenId}
            </Link>
            : {verdict.reason}. {verdict.checked.toLocaleString()} events before it verified.
          </p>
        )}
      </div>
    </div>
  );
}
