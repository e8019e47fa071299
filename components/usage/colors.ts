// Mid-range hues (Tailwind 500s) keep enough contrast on both white and slate-950.
export const seriesColors = {
  signatures: "#6366f1",
  verifications: "#10b981",
  jwksFetches: "#f59e0b",
  jwksNotModified: "#0ea5e9",
} as const;
