"use client";

import { usageWindows, type UsageWindow } from "@/lib/usage/windows";
import { buttonBase, buttonVariants } from "../ui/variants";

export function WindowPicker({
  value,
  onChange,
}: {
  value: UsageWindow;
  onChange: (window: UsageWindow) => void;
}) {
  return (
    <div role="group" aria-label="Time window" className="flex gap-1">
      {(Object.keys(usageWindows) as UsageWindow[]).map((window) => (
        <button
          key={window}
          type="button"
          aria-pressed={value === window}
          onClick={() => onChange(window)}
          className={`${buttonBase} ${value === window ? buttonVariants.primary : buttonVariants.secondary}`}
        >
          {usageWindows[window].label}
        </button>
      ))}
    </div>
  );
}
