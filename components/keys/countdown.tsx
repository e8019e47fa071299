"use client";

import { useEffect, useState } from "react";
import type { Milestone } from "@/lib/rotation/milestones";
import { remaining } from "@/lib/rotation/milestones";

/**
 * A key's next step: "Safe to promote in 4 min 10 s (Dec 4, 2026, 7:30:00 PM)", in the
 * viewer's time zone, ticking every second; once the instant passes it says so.
 */
export function Countdown({ milestone }: { milestone: Milestone }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);

  const at = new Date(milestone.at);
  const local = at.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "medium" });
  const left = remaining(milestone.at, now);
  return (
    <span data-testid={`milestone-${milestone.kind}`} suppressHydrationWarning>
      {left ? (
        <>
          {milestone.before} {left}{" "}
          <time
            dateTime={milestone.at}
            title={milestone.at}
            className="text-slate-500"
            suppressHydrationWarning
          >
            ({local})
          </time>
        </>
      ) : (
        <>
          {milestone.after}{" "}
          <time
            dateTime={milestone.at}
            title={milestone.at}
            className="text-slate-500"
            suppressHydrationWarning
          >
            (since {local})
          </time>
        </>
      )}
    </span>
  );
}
