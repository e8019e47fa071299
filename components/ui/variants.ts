// Class lists shared by the primitives, so pages never repeat long Tailwind strings.

export const buttonVariants = {
  primary:
    "bg-indigo-600 text-white hover:bg-indigo-500 disabled:bg-indigo-300 dark:disabled:bg-indigo-900",
  secondary:
    "border border-slate-300 bg-white text-slate-800 hover:bg-slate-100 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800",
  danger: "bg-red-600 text-white hover:bg-red-500 disabled:bg-red-300 dark:disabled:bg-red-900",
  ghost: "text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800",
} as const;

export type ButtonVariant = keyof typeof buttonVariants;

export const buttonBase =
  "inline-flex items-center justify-center gap-2 rounded-md px-3 py-2 text-sm font-medium transition-colors disabled:cursor-not-allowed";

export const inputClass =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm placeholder:text-slate-400 focus:border-indigo-500 dark:border-slate-700 dark:bg-slate-900";

export const cardClass =
  "rounded-lg border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900";

export const stateBadge: Record<string, string> = {
  active: "bg-emerald-100 text-emerald-800 dark:bg-emerald-900/50 dark:text-emerald-200",
  staged: "bg-sky-100 text-sky-800 dark:bg-sky-900/50 dark:text-sky-200",
  retired: "bg-amber-100 text-amber-800 dark:bg-amber-900/50 dark:text-amber-200",
  unpublished: "bg-slate-200 text-slate-700 dark:bg-slate-800 dark:text-slate-300",
  revoked: "bg-red-100 text-red-800 dark:bg-red-900/50 dark:text-red-200",
  destroy_scheduled: "bg-fuchsia-100 text-fuchsia-800 dark:bg-fuchsia-900/50 dark:text-fuchsia-200",
  destroyed: "bg-slate-300 text-slate-600 dark:bg-slate-700 dark:text-slate-300",
};
