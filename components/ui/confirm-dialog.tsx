"use client";

import { useId, useRef, type ReactNode } from "react";
import { Button } from "./button";
import type { ButtonVariant } from "./variants";

// A native <dialog>: focus is trapped, Escape closes it, and the trigger gets focus back.
export function ConfirmDialog({
  trigger,
  title,
  children,
  triggerVariant = "danger",
}: {
  trigger: string;
  title: string;
  triggerVariant?: ButtonVariant;
  children: (close: () => void) => ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const close = () => ref.current?.close();
  return (
    <>
      <Button type="button" variant={triggerVariant} onClick={() => ref.current?.showModal()}>
        {trigger}
      </Button>
      <dialog
        ref={ref}
        aria-labelledby={titleId}
        className="m-auto w-full max-w-lg rounded-lg border border-slate-200 bg-white p-6 text-slate-900 shadow-xl backdrop:bg-slate-950/50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
      >
        <h2 id={titleId} className="mb-3 text-lg font-semibold">
          {title}
        </h2>
        {children(close)}
      </dialog>
    </>
  );
}
